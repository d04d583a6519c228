import type { TSearchRequest } from "@/lib/schemas/search";

/**
 * The search contract both engines implement (PostgreSQL by default, Meilisearch when configured). Documents
 * carry only what any permitted viewer may read: never contacts, need notes, delivery codes or rider positions.
 */

export type SearchKind = "resource" | "need" | "organization" | "type";

/** Who may see a document. Admins see everything; anyone else needs one of these to match. */
export type SearchAudience = "supplier";
export type SearchVisibility = {
  /** Every signed-in viewer (and API keys) may see it. */
  public: boolean;
  /** Members of these organisations (an API key: its organisation) may see it. */
  orgIds: string[];
  /** These users may see it (an individual expert's own listing). */
  userIds: string[];
  /** Viewers in these groups may see it (open needs: the supplier board). */
  audiences: SearchAudience[];
};

export type SearchDocument = {
  kind: SearchKind;
  id: string;
  /** The row's search_version (bigint as a decimal string): an index keeps the highest it has seen. */
  version: string;
  title: string;
  titleEn: string | null;
  /** Further searchable Chinese text (type name, description, owner, place names), weight below the title. */
  text: string;
  /** Further searchable English text. */
  textEn: string;
  /** A person's name (expert listings): its pinyin uses surname readings (单 → shan). */
  personName: string | null;
  category: string | null;
  typeCode: string | null;
  /** Most specific region code, and it plus its ancestors (district → city → province) for filtering. */
  regionCode: string | null;
  regionPath: string[];
  /** Listings: AVAILABLE with uncommitted quantity; needs: still open; orgs and types: true. */
  available: boolean;
  /** Listings: owner organisation VERIFIED (or an individual expert); orgs: VERIFIED; needs/types: true. */
  verified: boolean;
  /** Listings: pricing mode; needs: payment mode. */
  priceMode: string | null;
  ownerOrgId: string | null;
  lat: number | null;
  lng: number | null;
  visibility: SearchVisibility;
};

/** A document reference for removal: the version at which it stopped existing (or stopped being indexable). */
export type SearchRef = { kind: SearchKind; id: string; version: string };

export type SearchRequest = TSearchRequest;

/** What the caller may see (built from the Actor by searchViewerOf in search-viewer.ts). */
export type SearchViewer = {
  admin: boolean;
  userId: string | null;
  /** Organisations whose members' view the caller has (an API key: its own organisation only). */
  orgIds: string[];
  audiences: SearchAudience[];
};

export type HighlightPart = { text: string; match: boolean };

export type SearchHit = {
  kind: SearchKind;
  id: string;
  title: string;
  titleEn: string | null;
  /** The title cut into parts, matched terms marked (render as text, never as HTML). */
  highlight: HighlightPart[];
  distanceKm?: number;
  lat?: number;
  lng?: number;
};

export type SearchFacets = {
  category: Record<string, number>;
  region: Record<string, number>;
  typeCode: Record<string, number>;
  available: Record<string, number>;
  priceMode: Record<string, number>;
  verified: Record<string, number>;
};

/** A relaxation step actually applied: a query word dropped, or the region widened to its parent. */
export type RelaxStep = { kind: "dropWord"; word: string } | { kind: "widenRegion"; from: string; to: string };

export type SearchEngineName = "postgres" | "meilisearch";

/** Why a search did not go to Meilisearch although it is configured. */
export type FallbackReason = "meili-lag-unknown" | "meili-lagging" | "meili-unreachable";

export type SearchResponse = {
  engine: SearchEngineName;
  fellBack?: FallbackReason;
  /** Exact, unless totalCapped: then a lower bound (MAX_TOTAL_HITS). */
  total: number;
  /** More than MAX_TOTAL_HITS matched: only that many were ranked, counted and faceted (shown as "1,000+"). */
  totalCapped: boolean;
  hits: SearchHit[];
  facets: SearchFacets;
  nextCursor: string | null;
  relaxed: RelaxStep[];
  /** The query and region the hits answer (after relaxation): ask for the next page with these and nextCursor. */
  applied: { q: string; region: string | null };
};

/** One engine's answer before relaxation (searchExchange adds engine/fellBack/relaxed). */
export type EngineResult = Pick<SearchResponse, "total" | "totalCapped" | "hits" | "facets" | "nextCursor">;

export type VersionRow = { id: string; version: string };

export interface SearchEngine {
  readonly name: SearchEngineName;
  /** Index settings (searchable order, filters, synonyms …); idempotent, run on start and by the reindex. */
  ensureSettings(): Promise<void>;
  /** A full reindex's writes, when the engine loads faster in bulk (PostgreSQL: indexes built once at the end). */
  bulkLoad?<T>(load: () => Promise<T>): Promise<T>;
  /** Writes documents; one whose version is lower than the stored one is ignored. */
  upsert(docs: SearchDocument[]): Promise<void>;
  /** Removes documents whose stored version is not newer than the ref's version. */
  remove(refs: SearchRef[]): Promise<void>;
  search(request: SearchRequest, viewer: SearchViewer): Promise<EngineResult>;
  /** id → version, ordered by id, after `afterId` (null = from the start): pages for the reconcile. */
  versions(kind: SearchKind, afterId: string | null, limit: number): Promise<VersionRow[]>;
  /** The stored versions of these ids (absent ones are not indexed), for the reconcile's page-by-page compare. */
  versionsOf(kind: SearchKind, ids: string[]): Promise<VersionRow[]>;
}

/**
 * Both engines rank, count and facet at most this many matches (Meilisearch: pagination.maxTotalHits; PostgreSQL:
 * MAX_CANDIDATES, title matches first), so a broad word costs about what a narrow one does.
 */
export const MAX_TOTAL_HITS = 1000;

export const EMPTY_FACETS = (): SearchFacets => ({ category: {}, region: {}, typeCode: {}, available: {}, priceMode: {}, verified: {} });
