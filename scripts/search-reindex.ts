/**
 * `npm run search:reindex`: rebuilds every search engine (PostgreSQL always, Meilisearch when MEILI_HOST is set)
 * from the database, with a progress bar, and prints documents/s. Applies the engines' settings first. Safe while
 * the app runs: documents carry versions, so nothing newer the sync worker wrote is overwritten.
 * `--bulk` (automatic when the PostgreSQL index is empty): the GIN/GiST indexes are dropped and built once at the
 * end, several times faster; searches are slow until the build ends.
 *   tsx scripts/with-db.ts scripts/search-reindex.ts [--page 1000] [--bulk]
 */
import { parseArgs } from "node:util";
import { MultiBar, Presets } from "cli-progress";
import { getDb, disconnectDb } from "@/server/db";
import { reindexAll } from "@/server/modules/search/sync/reindex";
import { syncEngines } from "@/server/modules/search/sync/sync-engines";

async function main() {
  const { values } = parseArgs({ options: { page: { type: "string" }, bulk: { type: "boolean" } } });
  const db = getDb();
  const empty = (await db.$queryRaw<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM search_document) AS any`)[0]?.any === false;
  const bulk = values.bulk === true || empty;
  const engines = syncEngines(db);
  console.info(`[muster] search reindex into ${engines.map((e) => e.name).join(" + ")}${bulk ? " (bulk: indexes built at the end)" : ""}`);
  const bars = new MultiBar({ format: "  {kind} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left", hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  const byKind = new Map<string, ReturnType<MultiBar["create"]>>();
  try {
    const result = await reindexAll(db, engines, {
      page: values.page ? Number(values.page) : undefined,
      bulk,
      onProgress: ({ kind, done, total }) => {
        let bar = byKind.get(kind);
        if (!bar) byKind.set(kind, (bar = bars.create(total, 0, { kind: kind.padEnd(12) })));
        bar.setTotal(total);
        bar.update(done, { kind: kind.padEnd(12) });
      },
    });
    bars.stop();
    const perS = Math.round(result.documents / (result.ms / 1000));
    console.info(
      `[muster] reindexed ${result.documents.toLocaleString("en-US")} documents (${Object.entries(result.perKind).map(([k, n]) => `${k} ${n}`).join(", ")}), ` +
        `removed ${result.removed} stale, in ${(result.ms / 1000).toFixed(1)} s: ${perS.toLocaleString("en-US")} documents/s`,
    );
  } finally {
    bars.stop();
    await disconnectDb();
  }
}

main().catch((e) => {
  console.error(`[muster] search reindex failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
