import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import type { SearchDocument, SearchKind, VersionRow } from "@/server/modules/search/search-types";
import { publicByColumns } from "@/server/modules/search/search-lexemes";

/**
 * The current search documents, read from the database (the sync worker, the reconcile and the reindex all call
 * this, so every engine gets the same document). Ids that no longer exist or must not be indexed are absent:
 * the caller removes them. What is indexed, and who may see it:
 *  - resource: status AVAILABLE or OUT_OF_SERVICE (DRAFT/RETIRED never leave the owner's pages). Public when
 *    offered (owner organisation VERIFIED, or an individual with an expert profile whose account is active), as
 *    in browse; otherwise its own organisation / owner only.
 *  - need: OPEN or PARTIALLY_FILLED, of an ACTIVE or CONTAINED incident. The incident's organisation sees it
 *    (incident access rules); suppliers (audience "supplier") see non-knight ones (the supplier board).
 *  - organization: every one; public when VERIFIED, otherwise its own members.
 *  - type: every one; public when active, inactive ones for admins only.
 * Never read: contacts, addresses of organisations, need notes and delivery codes, rider positions.
 * Derived fields come from parents, so the sync must fan out: a resource_type change → its resources, needs and
 * itself; an organization change → its resources; a users change (name, disabled) or expert_profile change →
 * that person's resources; an incident change (status, title, region, place) → its needs; a region rename → all.
 */

type RegionCols = { region_code: string | null; region_zh: string | null; region_en: string | null; path: string[]; path_zh: string | null; path_en: string | null };

/** Region names and the path (self → city → province) of alias g. */
const REGION_COLS = Prisma.sql`g.code AS region_code, g.name_zh AS region_zh, g.name_en AS region_en,
  array_remove(ARRAY[g.code, g1.code, g2.code], NULL) AS path,
  concat_ws(' ', g1.name_zh, g2.name_zh) AS path_zh, concat_ws(' ', g1.name_en, g2.name_en) AS path_en`;
const REGION_JOIN = Prisma.sql`LEFT JOIN region g1 ON g1.code = g.parent_code LEFT JOIN region g2 ON g2.code = g1.parent_code`;

const join = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(" ");

type ResourceRow = RegionCols & {
  id: string; version: string; title: string; title_en: string | null; description: string; status: string; total_quantity: number;
  committed_quantity: number; pricing_mode: string; owner_org_id: string | null; owner_user_id: string | null; lat: number; lng: number;
  category: string; type_code: string; type_zh: string; type_en: string; org_name: string | null; org_name_en: string | null;
  org_verified: boolean | null; person_name: string | null; expert_ok: boolean;
};

function resourceSql(where: Prisma.Sql, limit: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT r.id, r.search_version::text AS version, r.title, r.title_en, r.description, r.status::text AS status, r.total_quantity,
      r.committed_quantity, r.pricing_mode::text AS pricing_mode, r.owner_org_id, r.owner_user_id, r.lat, r.lng,
      t.category::text AS category, t.code AS type_code, t.name_zh AS type_zh, t.name_en AS type_en,
      o.name AS org_name, o.name_en AS org_name_en, o.verification = 'VERIFIED' AS org_verified,
      CASE WHEN r.owner_org_id IS NULL THEN u.name END AS person_name,
      (r.owner_org_id IS NULL AND u.disabled_at IS NULL
        AND EXISTS (SELECT 1 FROM expert_profile ep WHERE ep.user_id = r.owner_user_id)) AS expert_ok,
      ${REGION_COLS}
    FROM resource r JOIN resource_type t ON t.id = r.type_id
      LEFT JOIN organization o ON o.id = r.owner_org_id LEFT JOIN users u ON u.id = r.owner_user_id
      JOIN region g ON g.code = r.region_code ${REGION_JOIN}
    WHERE r.status IN ('AVAILABLE', 'OUT_OF_SERVICE') AND ${where} ORDER BY r.id ${limit}`;
}

function resourceDoc(r: ResourceRow): SearchDocument {
  const offered = r.org_verified === true || r.expert_ok;
  return {
    kind: "resource", id: r.id, version: r.version, title: r.title, titleEn: r.title_en,
    text: join(r.type_zh, r.description, r.org_name, r.person_name, r.region_zh, r.path_zh),
    textEn: join(r.type_en, r.org_name_en, r.region_en, r.path_en),
    personName: r.person_name, category: r.category, typeCode: r.type_code, regionCode: r.region_code, regionPath: r.path,
    available: r.status === "AVAILABLE" && r.total_quantity > r.committed_quantity, verified: offered,
    priceMode: r.pricing_mode, ownerOrgId: r.owner_org_id, lat: r.lat, lng: r.lng,
    visibility: {
      public: offered,
      orgIds: r.owner_org_id ? [r.owner_org_id] : [],
      userIds: r.owner_org_id === null && r.owner_user_id ? [r.owner_user_id] : [],
      audiences: [],
    },
  };
}

type NeedRow = RegionCols & {
  id: string; version: string; title: string; free_text: string | null; category: string; payment_mode: string; lat: number; lng: number;
  type_code: string | null; type_zh: string | null; type_en: string | null; incident_title: string; org_id: string; org_verified: boolean;
};

function needSql(where: Prisma.Sql, limit: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT n.id, n.search_version::text AS version, n.title, n.free_text, n.category::text AS category,
      n.payment_mode::text AS payment_mode, n.staging_lat AS lat, n.staging_lng AS lng,
      t.code AS type_code, t.name_zh AS type_zh, t.name_en AS type_en, i.title AS incident_title, i.org_id,
      o.verification = 'VERIFIED' AS org_verified, ${REGION_COLS}
    FROM need n JOIN incident i ON i.id = n.incident_id JOIN organization o ON o.id = i.org_id
      LEFT JOIN resource_type t ON t.id = n.type_id JOIN region g ON g.code = i.region_code ${REGION_JOIN}
    WHERE n.status IN ('OPEN', 'PARTIALLY_FILLED') AND i.status IN ('ACTIVE', 'CONTAINED') AND ${where}
    ORDER BY n.id ${limit}`;
}

function needDoc(r: NeedRow): SearchDocument {
  return {
    kind: "need", id: r.id, version: r.version, title: r.title, titleEn: r.type_en,
    text: join(r.free_text, r.type_zh, r.incident_title, r.region_zh, r.path_zh), textEn: join(r.type_en, r.region_en, r.path_en),
    personName: null, category: r.category, typeCode: r.type_code, regionCode: r.region_code, regionPath: r.path,
    available: true, verified: r.org_verified, priceMode: r.payment_mode, ownerOrgId: r.org_id, lat: r.lat, lng: r.lng,
    visibility: { public: false, orgIds: [r.org_id], userIds: [], audiences: r.category === "KNIGHT" ? [] : ["supplier"] },
  };
}

type OrgRow = RegionCols & {
  id: string; version: string; name: string; name_en: string | null; description: string | null; kind: string; verified: boolean;
  lat: number | null; lng: number | null;
};

function orgSql(where: Prisma.Sql, limit: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT o.id, o.search_version::text AS version, o.name, o.name_en, o.description, o.kind::text AS kind,
      o.verification = 'VERIFIED' AS verified, COALESCE(o.lat, g.lat) AS lat, COALESCE(o.lng, g.lng) AS lng, ${REGION_COLS}
    FROM organization o JOIN region g ON g.code = o.region_code ${REGION_JOIN}
    WHERE ${where} ORDER BY o.id ${limit}`;
}

function orgDoc(r: OrgRow): SearchDocument {
  return {
    kind: "organization", id: r.id, version: r.version, title: r.name, titleEn: r.name_en,
    text: join(r.description, r.region_zh, r.path_zh), textEn: join(r.region_en, r.path_en), personName: null,
    category: null, typeCode: null, regionCode: r.region_code, regionPath: r.path, available: true, verified: r.verified,
    priceMode: null, ownerOrgId: r.id, lat: r.lat, lng: r.lng,
    visibility: { public: r.verified, orgIds: [r.id], userIds: [], audiences: [] },
  };
}

type TypeRow = {
  id: string; version: string; code: string; category: string; name_zh: string; name_en: string; description_zh: string;
  description_en: string; criteria_zh: string; criteria_en: string; active: boolean;
};

function typeSql(where: Prisma.Sql, limit: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT t.id, t.search_version::text AS version, t.code, t.category::text AS category, t.name_zh, t.name_en,
      t.description_zh, t.description_en, t.minimum_criteria_zh AS criteria_zh, t.minimum_criteria_en AS criteria_en, t.active
    FROM resource_type t WHERE ${where} ORDER BY t.id ${limit}`;
}

function typeDoc(r: TypeRow): SearchDocument {
  return {
    kind: "type", id: r.id, version: r.version, title: r.name_zh, titleEn: r.name_en,
    text: join(r.description_zh, r.criteria_zh), textEn: join(r.description_en, r.criteria_en, r.code), personName: null,
    category: r.category, typeCode: r.code, regionCode: null, regionPath: [], available: r.active, verified: true,
    priceMode: null, ownerOrgId: null, lat: null, lng: null,
    visibility: { public: r.active, orgIds: [], userIds: [], audiences: [] },
  };
}

const ALIAS: Record<SearchKind, string> = { resource: "r", need: "n", organization: "o", type: "t" };

async function load(db: Db, kind: SearchKind, where: Prisma.Sql, limit: Prisma.Sql): Promise<SearchDocument[]> {
  const docs = await loadRows(db, kind, where, limit);
  // The PostgreSQL engine tests "public" on the row's columns (search-lexemes publicByColumns): the builders above
  // agree with it; this makes it hold for every document any engine is given.
  for (const d of docs) d.visibility.public = publicByColumns(d);
  return docs;
}

async function loadRows(db: Db, kind: SearchKind, where: Prisma.Sql, limit: Prisma.Sql): Promise<SearchDocument[]> {
  switch (kind) {
    case "resource":
      return (await db.$queryRaw<ResourceRow[]>(resourceSql(where, limit))).map(resourceDoc);
    case "need":
      return (await db.$queryRaw<NeedRow[]>(needSql(where, limit))).map(needDoc);
    case "organization":
      return (await db.$queryRaw<OrgRow[]>(orgSql(where, limit))).map(orgDoc);
    case "type":
      return (await db.$queryRaw<TypeRow[]>(typeSql(where, limit))).map(typeDoc);
  }
}

/** Current documents for these ids; absent ids are gone or not indexable (remove them). */
export async function loadSearchDocuments(db: Db, kind: SearchKind, ids: string[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const where = Prisma.sql`${Prisma.raw(ALIAS[kind])}.id = ANY(${ids}::text[])`;
  return load(db, kind, where, Prisma.empty);
}

const TABLE: Record<SearchKind, string> = { resource: "resource", need: "need", organization: "organization", type: "resource_type" };

/**
 * The id range [first, last] of the next `limit` rows of the kind's table after `afterId` (every row counts,
 * indexable or not, so a page's size does not depend on how many pass), or null when no row is left.
 */
async function nextIdPage(db: Db, kind: SearchKind, afterId: string | null, limit: number): Promise<{ first: string; last: string } | null> {
  const after = afterId === null ? Prisma.sql`TRUE` : Prisma.sql`x.id > ${afterId}`;
  const [page] = await db.$queryRaw<{ first: string | null; last: string | null }[]>`
    SELECT min(id) AS first, max(id) AS last FROM (SELECT x.id FROM ${Prisma.raw(TABLE[kind])} x WHERE ${after} ORDER BY x.id LIMIT ${limit}) p`;
  return page?.first && page.last ? { first: page.first, last: page.last } : null;
}

/**
 * One page of indexable documents in id order, after `afterId` (null = from the start), for the reindex. The
 * page may hold fewer than `limit` documents although more follow (rows that are not indexable are skipped), so
 * also returns the last id scanned: continue from it until it is null.
 */
export async function scanSearchDocuments(
  db: Db, kind: SearchKind, afterId: string | null, limit: number,
): Promise<{ docs: SearchDocument[]; lastId: string | null }> {
  const page = await nextIdPage(db, kind, afterId, limit);
  if (!page) return { docs: [], lastId: null };
  const a = Prisma.raw(ALIAS[kind]);
  const where = Prisma.sql`${a}.id >= ${page.first} AND ${a}.id <= ${page.last}`;
  return { docs: await load(db, kind, where, Prisma.empty), lastId: page.last };
}

/**
 * What makes a row indexable, per kind (the same FROM and WHERE as the document queries above, without the
 * columns): the reconcile compares versions only, and building a million documents to read their versions cost
 * most of its five minutes at 1M listings.
 */
const INDEXABLE: Record<SearchKind, Prisma.Sql> = {
  resource: Prisma.sql`resource r WHERE r.status IN ('AVAILABLE', 'OUT_OF_SERVICE')`,
  need: Prisma.sql`need n JOIN incident i ON i.id = n.incident_id
    WHERE n.status IN ('OPEN', 'PARTIALLY_FILLED') AND i.status IN ('ACTIVE', 'CONTAINED')`,
  organization: Prisma.sql`organization o WHERE TRUE`,
  type: Prisma.sql`resource_type t WHERE TRUE`,
};

/**
 * (id, version) of the indexable rows in the next `limit` ids after `afterId` (all rows, indexable or not, count
 * towards the page, as in scanSearchDocuments), and the last id scanned (null when done).
 */
export async function scanIndexableVersions(
  db: Db, kind: SearchKind, afterId: string | null, limit: number,
): Promise<{ rows: VersionRow[]; lastId: string | null }> {
  const page = await nextIdPage(db, kind, afterId, limit);
  if (!page) return { rows: [], lastId: null };
  const a = Prisma.raw(ALIAS[kind]);
  const rows = await db.$queryRaw<VersionRow[]>`
    SELECT ${a}.id, ${a}.search_version::text AS version FROM ${INDEXABLE[kind]} AND ${a}.id >= ${page.first} AND ${a}.id <= ${page.last}`;
  return { rows, lastId: page.last };
}

/** (id, version) of those of `ids` that are indexable now. */
export async function indexableVersionsOf(db: Db, kind: SearchKind, ids: string[]): Promise<VersionRow[]> {
  if (ids.length === 0) return [];
  const a = Prisma.raw(ALIAS[kind]);
  return db.$queryRaw<VersionRow[]>`
    SELECT ${a}.id, ${a}.search_version::text AS version FROM ${INDEXABLE[kind]} AND ${a}.id = ANY(${ids}::text[])`;
}
