import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TSearchQuery, TSearchResult, TSearchSuggestions } from "@/lib/schemas/search-api";
import { toSearchRequest } from "@/lib/schemas/search-api";
import { SEARCH_KINDS } from "@/lib/schemas/search";
import { searchExchange } from "@/server/modules/search/search-exchange";
import { searchViewerOf } from "@/server/modules/search/search-viewer";

/** Suggestions per kind in the header box. */
export const SUGGEST_PER_KIND = 4;

/**
 * One search as the caller: the engines filter every hit by what this caller may see (search-viewer.ts — an
 * API key sees as its own organisation, never as the person who made it). The DTO keeps only the answer's
 * documented fields.
 */
export async function searchAsActor(db: Db, actor: Actor, input: TSearchQuery): Promise<TSearchResult> {
  const res = await searchExchange(db, searchViewerOf(actor), toSearchRequest(input));
  return {
    engine: res.engine,
    ...(res.fellBack ? { fellBack: res.fellBack } : {}),
    total: res.total,
    totalCapped: res.totalCapped,
    hits: res.hits,
    facets: res.facets,
    nextCursor: res.nextCursor,
    relaxed: res.relaxed,
  };
}

/**
 * The header box's instant suggestions: a few of each kind (listings, needs, organisations, types), one search
 * per kind so a kind with many strong hits does not crowd the others out. No relaxation: a suggestion must
 * contain what was typed. Empty groups are left out.
 */
export async function suggestAsActor(db: Db, actor: Actor, q: string): Promise<TSearchSuggestions> {
  const viewer = searchViewerOf(actor);
  const answers = await Promise.all(
    SEARCH_KINDS.map((kind) => searchExchange(db, viewer, { q, kinds: [kind], limit: SUGGEST_PER_KIND, relax: false })),
  );
  return {
    engine: answers[0]?.engine ?? "postgres",
    groups: SEARCH_KINDS.map((kind, i) => ({ kind, hits: answers[i]!.hits })).filter((g) => g.hits.length > 0),
  };
}
