import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import type { SearchDocument, SearchKind, SearchRef, VersionRow } from "@/server/modules/search/search-types";
import { documentLexemes, quoteLexeme } from "@/server/modules/search/search-lexemes";
import { stemEnglish } from "@/server/modules/search/text-analyzer";
import { prefixableTitleLexemes, recordTitleTerms } from "@/server/modules/search/search-title-terms";
import { insertMissingTerms } from "@/server/modules/search/insert-missing-terms";

/**
 * Writes of the PostgreSQL engine's index (search_document). Versioned: a document replaces the stored one only
 * when its version is not lower, and a removal leaves a tombstone so a late, older upsert cannot bring the
 * document back. Each call is one statement (plus one for each vocabulary). The geo cells of a placed document
 * (migration 20261209000000) are added here, in SQL, by their one definition.
 */

function newestByRef<T extends { kind: SearchKind; id: string; version: string }>(items: T[]): T[] {
  const by = new Map<string, T>();
  for (const it of items) {
    const key = `${it.kind}\u0000${it.id}`;
    const had = by.get(key);
    if (!had || BigInt(had.version) < BigInt(it.version)) by.set(key, it);
  }
  return [...by.values()];
}

export async function upsertSearchDocuments(db: Db, input: SearchDocument[]): Promise<void> {
  const docs = newestByRef(input);
  if (docs.length === 0) return;
  const lex = docs.map(documentLexemes);
  // before the documents: a search that sees a document finds its title terms (search-title-terms.ts)
  await recordTitleTerms(db, prefixableTitleLexemes(lex.flatMap((l) => l.titleLexemes)));
  const col = <K extends keyof SearchDocument>(k: K) => docs.map((d) => d[k]);
  await db.$executeRaw`
    INSERT INTO search_document AS s (kind, id, version, title, title_en, category, type_code, region_code, available,
      verified, price_mode, owner_org_id, lat, lng, tsv, title_tsv, title_norm, indexed_at)
    SELECT d.kind, d.id, d.version, d.title, d.title_en, d.category, d.type_code, d.region_code, d.available,
      d.verified, d.price_mode, d.owner_org_id, d.lat, d.lng, d.tsv::tsvector || muster_geo_cells(d.lat, d.lng), muster_search_row_lexemes(d.tsv::tsvector), d.title_norm, now()
    FROM unnest(${col("kind")}::text[], ${col("id")}::text[], ${col("version")}::bigint[], ${col("title")}::text[],
      ${col("titleEn")}::text[], ${col("category")}::text[], ${col("typeCode")}::text[], ${col("regionCode")}::text[],
      ${col("available")}::boolean[], ${col("verified")}::boolean[], ${col("priceMode")}::text[], ${col("ownerOrgId")}::text[],
      ${col("lat")}::float8[], ${col("lng")}::float8[], ${lex.map((l) => l.tsv)}::text[], ${lex.map((l) => l.titleNorm)}::text[])
      AS d(kind, id, version, title, title_en, category, type_code, region_code, available, verified, price_mode,
           owner_org_id, lat, lng, tsv, title_norm)
    WHERE NOT EXISTS (SELECT 1 FROM search_tombstone t WHERE t.kind = d.kind AND t.id = d.id AND t.version >= d.version)
    ORDER BY d.kind, d.id
    ON CONFLICT (kind, id) DO UPDATE SET version = EXCLUDED.version, title = EXCLUDED.title, title_en = EXCLUDED.title_en,
      category = EXCLUDED.category, type_code = EXCLUDED.type_code, region_code = EXCLUDED.region_code,
      available = EXCLUDED.available, verified = EXCLUDED.verified, price_mode = EXCLUDED.price_mode,
      owner_org_id = EXCLUDED.owner_org_id, lat = EXCLUDED.lat, lng = EXCLUDED.lng, tsv = EXCLUDED.tsv, title_tsv = EXCLUDED.title_tsv,
      title_norm = EXCLUDED.title_norm,
      indexed_at = EXCLUDED.indexed_at
    WHERE s.version <= EXCLUDED.version`;
  await insertMissingTerms(db, "search_term", lex.flatMap((l) => l.vocabulary));
}

export async function removeSearchDocuments(db: Db, input: SearchRef[]): Promise<void> {
  const refs = newestByRef(input);
  if (refs.length === 0) return;
  const kinds = refs.map((r) => r.kind);
  const ids = refs.map((r) => r.id);
  const versions = refs.map((r) => r.version);
  await db.$executeRaw`
    WITH refs AS (
      SELECT * FROM unnest(${kinds}::text[], ${ids}::text[], ${versions}::bigint[]) AS r(kind, id, version)
    ), gone AS (
      DELETE FROM search_document d USING refs r WHERE d.kind = r.kind AND d.id = r.id AND d.version <= r.version
    )
    INSERT INTO search_tombstone AS t (kind, id, version)
    SELECT kind, id, version FROM refs ORDER BY kind, id
    ON CONFLICT (kind, id) DO UPDATE SET version = GREATEST(t.version, EXCLUDED.version), removed_at = now()`;
}

/**
 * The GIN and GiST indexes of search_document, exactly as the migration creates them. IF NOT EXISTS: ensureSettings
 * runs this, so a bulk load that died between dropping and rebuilding them is repaired on the next start.
 */
const SEARCH_INDEXES: Record<string, string> = {
  search_document_tsv_gin: `CREATE INDEX IF NOT EXISTS "search_document_tsv_gin" ON "search_document" USING gin ("tsv") WITH (fastupdate = off)`,
  search_document_position_gist: `CREATE INDEX IF NOT EXISTS "search_document_position_gist" ON "search_document"
    USING gist (muster_ll_to_earth("lat", "lng")) WHERE "lat" IS NOT NULL AND "lng" IS NOT NULL`,
};

export async function ensureSearchIndexes(db: Db): Promise<void> {
  // look first: CREATE INDEX IF NOT EXISTS would still wait for a share lock on the table (blocking writes)
  const have = await db.$queryRaw<{ name: string }[]>`
    SELECT indexname::text AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'search_document'`;
  const missing = Object.entries(SEARCH_INDEXES).filter(([name]) => !have.some((h) => h.name === name));
  for (const [, sql] of missing) {
    // a build sorts the whole table's entries: give it memory for this statement's transaction only
    const build = async (tx: Db) => {
      await tx.$executeRawUnsafe("SET LOCAL maintenance_work_mem = '512MB'");
      await tx.$executeRawUnsafe(sql);
    };
    // a build over a million documents takes minutes: no transaction timeout
    if ("$transaction" in db) await db.$transaction(build, { timeout: 60 * 60_000, maxWait: 60_000 });
    else await build(db);
  }
}

/**
 * A full reindex with the GIN and GiST indexes dropped and built once at the end: writing every document into
 * the GIN tree (fastupdate off) cost about as much as computing its terms, and one sorted build is several times
 * cheaper. Searches meanwhile still answer (slowly, without the indexes); the indexes are rebuilt even on failure.
 */
export async function bulkLoadSearchDocuments<T>(db: Db, load: () => Promise<T>): Promise<T> {
  await db.$executeRawUnsafe(`DROP INDEX IF EXISTS "search_document_tsv_gin"`);
  await db.$executeRawUnsafe(`DROP INDEX IF EXISTS "search_document_position_gist"`);
  try {
    return await load();
  } finally {
    await ensureSearchIndexes(db);
    await db.$executeRawUnsafe("ANALYZE search_document");
  }
}

export async function indexedVersions(db: Db, kind: SearchKind, afterId: string | null, limit: number): Promise<VersionRow[]> {
  const after = afterId === null ? Prisma.empty : Prisma.sql`AND id > ${afterId}`;
  return db.$queryRaw<VersionRow[]>`
    SELECT id, version::text AS version FROM search_document WHERE kind = ${kind} ${after} ORDER BY id LIMIT ${limit}`;
}

export async function indexedVersionsOf(db: Db, kind: SearchKind, ids: string[]): Promise<VersionRow[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<VersionRow[]>`
    SELECT id, version::text AS version FROM search_document WHERE kind = ${kind} AND id = ANY(${ids}::text[])`;
}

/**
 * Prunes the next `limit` terms (after `afterTerm`, in order) of the typo vocabulary that no document holds any
 * more, as its stem or its pinyin (the lexemes documentLexemes gave it), so corrections never point at a word that
 * finds nothing and the vocabulary does not only grow. One GIN probe per term. A document indexed meanwhile adds
 * its terms again on its upsert. Returns how many were pruned and the last term looked at (null when done).
 */
export async function pruneSearchTerms(db: Db, afterTerm: string | null, limit: number): Promise<{ pruned: number; lastTerm: string | null }> {
  const after = afterTerm === null ? Prisma.sql`TRUE` : Prisma.sql`term > ${afterTerm}`;
  const terms = (await db.$queryRaw<{ term: string }[]>`SELECT term FROM search_term WHERE ${after} ORDER BY term LIMIT ${limit}`).map((r) => r.term);
  if (terms.length === 0) return { pruned: 0, lastTerm: null };
  const probes = terms.map((t) => `${quoteLexeme(stemEnglish(t))} | ${quoteLexeme(`py:${t}`)}`);
  const pruned = await db.$executeRaw`
    DELETE FROM search_term s USING unnest(${terms}::text[], ${probes}::text[]) AS x(term, probe)
    WHERE s.term = x.term AND NOT EXISTS (SELECT 1 FROM search_document d WHERE d.tsv @@ x.probe::tsquery)`;
  return { pruned, lastTerm: terms[terms.length - 1]! };
}
