/**
 * The app-like server process of `npm run bench:dispatch` (bench/dispatch.ts): node http + the real handlers
 * (GET /api/live → handleLiveSse as app/api/live/route.ts serves it; /api/trpc → the tRPC fetch handler, so
 * `knightOffer.accept` runs exactly as in app/api/trpc/[trpc]/route.ts; the context's actor comes from an
 * `x-bench-user` header instead of an Auth.js session, a knight unless `x-bench-role: ADMIN`) and its own LiveHub.
 * It also serves the no-database baselines on request from the parent: hub-local fan-out ("inject") and plain
 * `res.write` SSE on `/bare` connections. `startBenchServer` forks this file; the child runs `serverMain`.
 */
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import v8 from "node:v8";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { getDb } from "@/server/db";
import { getLiveHub } from "@/server/modules/live/live-hub";
import { liveTopics } from "@/server/modules/live/live-topics";
import { handleLiveSse } from "@/server/api/live-sse";
import { LIVE_STREAM_PATH } from "@/lib/schemas/live";
import { legacyLiveHandler } from "@/bench/lib/legacy-trpc-live";

/** bench/live-heap.ts --legacy: also serve the removed tRPC live.events subscription, to compare heap per connection. */
const LEGACY_LIVE = process.env.BENCH_LEGACY_LIVE === "1";
import { liveHeapMb, startLoopMonitor } from "@/bench/lib/loop-monitor";
import { profileArgs } from "@/bench/lib/cpu-usage";

type ToServer =
  | { type: "stats"; rid: number }
  | { type: "lagReset"; rid: number }
  | { type: "liveHeap"; rid: number }
  | { type: "heapSnapshot"; rid: number; file: string }
  | { type: "inject"; rid: number; knightIds: string[]; seq: number }
  | { type: "bare"; rid: number; ids: number[]; seq: number };

async function serverMain() {
  const db = getDb();
  const hub = getLiveHub();
  await hub.start();
  const bare = new Map<number, http.ServerResponse>();
  // Event-loop delay and GC pauses of this process since the parent's last lagReset (what a slow run costs here).
  const loop = startLoopMonitor();

  // Server-side time of each accept request (request parsed → response finished): the settlement as this
  // process sees it, without the client's and the sockets' share of the burst.
  const acceptMs: number[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.endsWith("/knightOffer.accept")) {
      const t0 = performance.now();
      res.on("finish", () => acceptMs.push(performance.now() - t0));
    }
    if (url.pathname === "/bare") {
      const id = Number(url.searchParams.get("i"));
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" });
      res.write(": connected\n\n");
      bare.set(id, res);
      res.on("close", () => bare.delete(id));
      return;
    }
    const isLive = url.pathname === LIVE_STREAM_PATH;
    const legacy = LEGACY_LIVE && url.pathname === "/api/trpc/live.events";
    if (!url.pathname.startsWith("/api/trpc/") && !isLive) {
      res.writeHead(404).end();
      return;
    }
    const ac = new AbortController();
    // Abort only a request whose client went away: an AbortError per finished request costs real CPU in a burst.
    res.on("close", () => {
      if (!res.writableFinished) ac.abort();
    });
    const chunks: Buffer[] = [];
    if (req.method === "POST") for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined, signal: ac.signal });
    const userId = headers.get("x-bench-user");
    // bench:command follows a region's command centre as an admin; every other caller is a knight.
    const role = headers.get("x-bench-role") === "ADMIN" ? ("ADMIN" as const) : ("KNIGHT" as const);
    const actor = userId ? { via: "session" as const, userId, roles: [role], memberships: [] } : null;
    // Requests go through the request budgets exactly as in the app (accepts are mutations).
    const response = legacy && actor
      ? await legacyLiveHandler(request, { db, actor, hub })
      : isLive
      ? await handleLiveSse(request, async () => ({ db, actor, headers, ip: null, http: { transport: "sse", resHeaders: new Headers() } }), hub)
      : await fetchRequestHandler({
          endpoint: "/api/trpc",
          req: request,
          router: appRouter,
          createContext: ({ resHeaders }) => ({ db, actor, headers, ip: null, http: { transport: "trpc" as const, resHeaders } }),
        });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        // A response may come as several small chunks; cork until the microtask queue drains so they go as one segment.
        if (!res.writableCorked) {
          res.cork();
          queueMicrotask(() => res.uncork());
        }
        res.write(value);
      }
    } catch {
      /* client went away */
    } finally {
      res.end();
    }
  });
  server.requestTimeout = 0;
  server.timeout = 0;
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const addr = server.address();
    process.send!({ type: "ready", port: typeof addr === "object" && addr ? addr.port : 0 });
  });
  process.on("message", (m: ToServer) => {
    if (m.type === "stats") {
      process.send!({ rid: m.rid, ...hub.stats(), bare: bare.size, acceptMs, ...loop.stats() });
    } else if (m.type === "lagReset") {
      loop.reset();
      process.send!({ rid: m.rid });
    } else if (m.type === "liveHeap") {
      process.send!({ rid: m.rid, liveHeapMb: liveHeapMb(), subscriptions: hub.stats().subscriptions });
    } else if (m.type === "heapSnapshot") {
      process.send!({ rid: m.rid, file: v8.writeHeapSnapshot(m.file) });
    }
    else if (m.type === "inject") {
      for (const k of m.knightIds) hub.fanOutLocal({ id: "0", topic: liveTopics.knight(k), kind: "bench.ping", data: { seq: m.seq } });
      process.send!({ rid: m.rid });
    } else if (m.type === "bare") {
      const line = `data: {"seq":${m.seq}}\n\n`;
      for (const i of m.ids) bare.get(i)?.write(line);
      process.send!({ rid: m.rid });
    }
  });
  process.on("disconnect", () => process.exit(0));
  // A normal exit, so BENCH_CPU_PROF=1 (--cpu-prof) writes its profile when the parent stops this process.
  process.on("SIGTERM", () => process.exit(0));
}

export type BenchServer = { child: ChildProcess; port: number; ask: (m: Record<string, unknown>) => Promise<Record<string, unknown>> };

export async function startBenchServer(url: string): Promise<BenchServer> {
  const child = fork(import.meta.filename, ["--bench-server"], {
    execArgv: ["--import", "tsx", ...profileArgs("dispatch")],
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, (v: Record<string, unknown>) => void>();
  let rid = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    child.on("message", (m: Record<string, unknown>) => {
      if (m.type === "ready") resolve(Number(m.port));
      else if (typeof m.rid === "number") {
        pending.get(m.rid)?.(m);
        pending.delete(m.rid);
      }
    });
  });
  return {
    child,
    port,
    ask: (m) =>
      new Promise((resolve) => {
        rid += 1;
        pending.set(rid, resolve);
        child.send({ ...m, rid });
      }),
  };
}

if (process.argv.includes("--bench-server")) {
  serverMain().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
