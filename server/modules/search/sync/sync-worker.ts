import pg from "pg";
import type { PrismaClient } from "@/server/db";
import type { SearchEngine } from "@/server/modules/search/search-types";
import { runSyncBatch } from "@/server/modules/search/sync/sync-batch";
import { oldestPendingAgeMs } from "@/server/modules/search/sync/outbox-claim";
import { recordSyncLag } from "@/server/modules/search/search-sync-state";

export type SearchSyncOptions = {
  /** Where to LISTEN (the same database as `db`). */
  url: string;
  /** Primary (PostgreSQL) first, then Meilisearch when configured. */
  engines: SearchEngine[];
  batch?: number;
  /** Safety poll when no NOTIFY arrives (listener reconnecting; rows waiting out their backoff). */
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
};

export type SearchSync = {
  stop: () => Promise<void>;
  /** Recent commit → indexed latencies (ms), newest last; at most 10,000 kept. */
  latencies: () => number[];
  /** Documents pushed since start. */
  documents: () => number;
};

const KEEP_LATENCIES = 10_000;

/**
 * The search sync loop: drains the outbox batch after batch, then sleeps until the `muster_search` NOTIFY (sent
 * on commit by the outbox trigger) or the safety poll. After each drain it records every engine's lag (age of
 * its oldest pending row), which the engine chooser reads to fall back to PostgreSQL when Meilisearch lags.
 */
export function startSearchSync(db: PrismaClient, opts: SearchSyncOptions): SearchSync {
  const log = opts.log ?? ((m, e) => console.error(`[muster] ${m}`, e ?? ""));
  let stopped = false;
  let pending = true;
  let wake: (() => void) | null = null;
  const poke = () => {
    pending = true;
    wake?.();
  };
  let listener: pg.Client | null = null;
  let reconnect: NodeJS.Timeout | null = null;
  const listen = async () => {
    const client = new pg.Client({ connectionString: opts.url });
    client.on("notification", poke);
    client.on("error", (e) => lost(client, e));
    client.on("end", () => lost(client));
    await client.connect();
    await client.query("LISTEN muster_search");
    if (stopped) return void client.end().catch(() => {});
    listener = client;
    poke(); // rows committed while the listener was down
  };
  const lost = (client: pg.Client, e?: unknown) => {
    if (listener !== client || stopped) return;
    listener = null;
    log("search sync: listener connection lost; reconnecting", e);
    reconnect ??= setTimeout(() => {
      reconnect = null;
      listen().catch((err) => lost(client, err));
    }, 1000);
  };
  void listen().catch((e) => log("search sync: could not LISTEN; polling only", e));

  const latencies: number[] = [];
  let documents = 0;
  const loop = (async () => {
    while (!stopped) {
      if (pending) {
        pending = false;
        let ran = 0;
        do {
          try {
            const r = await runSyncBatch(db, { engines: opts.engines, batch: opts.batch, log });
            ran = r.failed ? 0 : r.rows;
            documents += r.documents;
            latencies.push(...r.latenciesMs);
            if (latencies.length > KEEP_LATENCIES) latencies.splice(0, latencies.length - KEEP_LATENCIES);
          } catch (e) {
            log("search sync: batch failed", e);
            ran = 0;
          }
        } while (ran > 0 && !stopped);
        try {
          for (const engine of opts.engines) await recordSyncLag(db, engine.name, await oldestPendingAgeMs(db, engine.name));
        } catch (e) {
          log("search sync: could not record the lag", e);
        }
      }
      if (stopped || pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pending = true;
          resolve();
        }, opts.pollMs ?? 5000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    latencies: () => [...latencies],
    documents: () => documents,
    stop: async () => {
      stopped = true;
      if (reconnect) clearTimeout(reconnect);
      wake?.();
      await loop;
      const l = listener;
      listener = null;
      await l?.end().catch(() => {});
    },
  };
}
