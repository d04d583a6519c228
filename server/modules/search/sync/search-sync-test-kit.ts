import type { PrismaClient } from "@/server/db";
import { ZSearchRequest, type TSearchRequestInput } from "@/lib/schemas/search";
import type { SearchEngine, SearchViewer } from "@/server/modules/search/search-types";
import { runSyncBatch } from "@/server/modules/search/sync/sync-batch";

/** Test helpers for the search sync integration tests (not product code). */

export const ADMIN_VIEWER: SearchViewer = { admin: true, userId: null, orgIds: [], audiences: [] };

/** Runs batches until the outbox has nothing ready; returns how many rows were processed. */
export async function drainOutbox(db: PrismaClient, engines: SearchEngine[], opts: { fanOutChunk?: number } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await runSyncBatch(db, { engines, batch: 500, ...opts });
    if (r.failed) throw new Error("a sync batch failed");
    if (r.rows === 0) return total;
    total += r.rows;
  }
}

export async function hitIds(engine: SearchEngine, input: TSearchRequestInput): Promise<string[]> {
  const res = await engine.search(ZSearchRequest.parse({ relax: false, ...input }), ADMIN_VIEWER);
  return res.hits.map((h) => h.id);
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000, everyMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function pendingSearchRows(db: PrismaClient): Promise<number> {
  return db.outboxEvent.count({ where: { processedAt: null, topic: { startsWith: "search." } } });
}
