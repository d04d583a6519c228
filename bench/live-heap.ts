/**
 * Heap per open live connection (not a test; memory, not time):
 *   npm run bench:live-heap [-- --conns 300,2000] [--legacy] [--bare]
 * In a scratch database with max(conns) knights, one app-like server process (bench/lib/dispatch-bench-server.ts,
 * the real GET /api/live handler) takes knight streams from this process in steps up to each count; after each
 * step it reports its heap after a full GC. Per connection = (heap at N − heap at 0) / N. `--legacy` streams
 * over the removed tRPC `live.events` subscription instead (bench/lib/legacy-trpc-live.ts), for comparison;
 * `--bare` holds plain `res.write` SSE connections (no handler, no hub): the floor node:http itself costs.
 */
import http from "node:http";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/server/db";
import { migrate } from "@/scripts/lib/migrate";
import { seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";
import { seedOnDutyKnights } from "@/bench/lib/bench-knights";
import { scratchDatabase } from "@/bench/lib/scratch-database";
import { startBenchServer, type BenchServer } from "@/bench/lib/dispatch-bench-server";
import { openSse, sleep } from "@/bench/lib/loopback-http";
import { legacyLivePath } from "@/bench/lib/legacy-trpc-live";
import { liveStreamPath } from "@/lib/schemas/live";

const { values } = parseArgs({ options: { conns: { type: "string", default: "300,2000" }, legacy: { type: "boolean", default: false }, bare: { type: "boolean", default: false } } });
const steps = values.conns.split(",").map(Number).sort((a, b) => a - b);
const { legacy, bare } = values;
const stack = bare ? "bare" : legacy ? "trpc" : "plain";
const pathOf = (k: { id: string }, i: number) =>
  bare ? `/bare?i=${i}` : legacy ? legacyLivePath([`knight:${k.id}`]) : liveStreamPath([`knight:${k.id}`]);
if (legacy) process.env.BENCH_LEGACY_LIVE = "1";

async function main() {
  const { url, stop: stopDb } = await scratchDatabase("bench-live-heap");
  process.env.DATABASE_URL = url;
  const db = createPrismaClient(url, 4);
  let server: BenchServer | null = null;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const clients: http.ClientRequest[] = [];
  try {
    await migrate(url, { quiet: true });
    await seedDispatchFixtures(db);
    const knights = await seedOnDutyKnights(db, steps.at(-1)!);
    server = await startBenchServer(url);
    const heap = async () => Number((await server!.ask({ type: "liveHeap" })).liveHeapMb);
    const subscriptions = async () => {
      const s = await server!.ask({ type: "stats" });
      return Number(bare ? s.bare : s.subscriptions);
    };
    // One stream opened and closed first, so what the first connection loads once (modules, the hub's pool) is in the base.
    const warm = await openSse(agent, server.port, pathOf(knights[0]!, 0), { "x-bench-user": knights[0]!.userId }, () => {});
    while ((await subscriptions()) < 1) await sleep(50);
    warm.destroy();
    while ((await subscriptions()) > 0) await sleep(50);
    await sleep(500);
    const base = await heap();
    if (process.env.BENCH_HEAP_SNAPSHOT) await server.ask({ type: "heapSnapshot", file: `${process.env.BENCH_HEAP_SNAPSHOT}.base` });
    console.info(`[bench] ${{ bare: "bare res.write SSE", trpc: "tRPC live.events (old)", plain: "GET /api/live (new)" }[stack]}: heap after full GC with 0 connections ${base.toFixed(1)} MB`);
    const rows: { conns: number; heap_mb: number; kb_per_conn: number }[] = [];
    let opened = 0;
    for (const n of steps) {
      for (; opened < n; opened += 100) {
        const part = knights.slice(opened, Math.min(n, opened + 100));
        clients.push(
          ...(await Promise.all(part.map((k, j) => openSse(agent, server!.port, pathOf(k, opened + j), { "x-bench-user": k.userId }, () => {})))),
        );
      }
      opened = n;
      while ((await subscriptions()) < n) await sleep(100);
      await sleep(1000);
      const h = await heap();
      rows.push({ conns: n, heap_mb: Math.round(h * 10) / 10, kb_per_conn: Math.round(((h - base) * 1024 * 10) / n) / 10 });
    }
    // BENCH_HEAP_SNAPSHOT=<file>: the server's heap at the last step (and <file>.base at 0), to see what a connection holds.
    if (process.env.BENCH_HEAP_SNAPSHOT) await server.ask({ type: "heapSnapshot", file: process.env.BENCH_HEAP_SNAPSHOT });
    console.table(rows);
    console.info(JSON.stringify({ stack, base_mb: Math.round(base * 10) / 10, rows }));
  } finally {
    for (const c of clients) c.destroy();
    agent.destroy();
    if (server) {
      const exited = new Promise((r) => server!.child.once("exit", r));
      server.child.kill("SIGTERM");
      await exited; // before the database is dropped under its connections
    }
    await db.$disconnect();
    await stopDb();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
