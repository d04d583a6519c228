import type { PrismaClient } from "@/server/db";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { reindexAll } from "@/server/modules/search/sync/reindex";

/**
 * Builds the scratch database's PostgreSQL search index when it is not complete, or always with `rebuild` (a changed
 * analyser, or to time the full build); returns the build's documents/s, or null when the index was kept.
 * Benches that run the worker need this too (drill:surge): over a bulk seed the worker would otherwise spend the run
 * indexing a million listings and fanning out the seed's own outbox rows (each resource type's touches every listing
 * of that type), which is a cold start, not the load being measured.
 */
export async function ensureSearchIndex(db: PrismaClient, opts: { rebuild?: boolean; log?: (line: string) => void } = {}): Promise<number | null> {
  const log = opts.log ?? console.info;
  const [c] = await db.$queryRaw<{ docs: bigint; rows: bigint }[]>`
    SELECT (SELECT count(*) FROM search_document WHERE kind = 'resource') AS docs,
           (SELECT count(*) FROM resource WHERE status IN ('AVAILABLE', 'OUT_OF_SERVICE')) AS rows`;
  if (!opts.rebuild && Number(c!.docs) >= Number(c!.rows) * 0.98) return null;
  if (opts.rebuild) await db.$executeRawUnsafe("TRUNCATE search_document, search_tombstone, search_term, search_title_term");
  log(`[bench] building the search index (${Number(c!.docs).toLocaleString("en-US")} of ${Number(c!.rows).toLocaleString("en-US")} listings indexed) …`);
  let shown = 0;
  const r = await reindexAll(db, [postgresEngine(db)], {
    page: 2000,
    bulk: true,
    onProgress: ({ kind, done }) => {
      if (done < shown) shown = 0; // next kind
      if (done - shown < 20_000) return;
      shown = done;
      log(`  ${kind} ${done.toLocaleString("en-US")}`);
    },
  });
  const perS = Math.round(r.documents / (r.ms / 1000));
  log(`[bench] full reindex: ${r.documents.toLocaleString("en-US")} documents in ${(r.ms / 1000).toFixed(0)} s = ${perS} documents/s`);
  // The outbox rows the seed left (none when it loads with triggers off) are covered by the reindex.
  await db.$executeRaw`UPDATE outbox_event SET processed_at = now() WHERE processed_at IS NULL AND topic LIKE 'search.%'`;
  await db.$executeRawUnsafe("VACUUM ANALYZE search_document");
  return perS;
}
