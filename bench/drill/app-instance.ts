/**
 * One app instance of the surge drill (bench/drill/surge.ts): the app's own route handlers — tRPC
 * (app/api/trpc/[trpc]/route.ts), the live stream (app/api/live/route.ts), REST v1
 * (app/api/v1/[...path]/route.ts) and GET /api/health — served by node:http on a fixed port, with its own database pool and LiveHub, as one
 * process behind a load balancer would run them. The pages are not served: the drill drives the API, and
 * skipping `next build` keeps the drill's CPU for the load (2 cores). Prints "listening <port>" when ready.
 *   PORT=4101 DATABASE_URL=… node --import tsx bench/drill/app-instance.ts
 */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { GET as trpcGet, POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { GET as restGet, POST as restPost } from "@/app/api/v1/[...path]/route";
import { GET as healthGet } from "@/app/api/health/route";
import { GET as liveGet } from "@/app/api/live/route";
import { getDb, poolStats } from "@/server/db";

type Handler = (req: Request) => Promise<Response>;

function route(method: string, pathname: string): Handler | null {
  if (pathname === "/api/health") return method === "GET" ? healthGet : null;
  if (pathname === "/api/live") return method === "GET" ? liveGet : null;
  if (pathname.startsWith("/api/trpc/")) return method === "POST" ? trpcPost : trpcGet;
  if (pathname.startsWith("/api/v1/")) return method === "GET" ? restGet : restPost;
  return null;
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = req.method ?? "GET";
  const handler = route(method, url.pathname);
  if (!handler) {
    res.writeHead(404).end();
    return;
  }
  // A request still unanswered after 10 s is named in the log (SSE streams are meant to stay open).
  const started = Date.now();
  const sse = (req.headers.accept ?? "").includes("text/event-stream");
  const stuck = sse ? null : setTimeout(() => console.warn(`[drill app] ${method} ${url.pathname} unanswered after 10 s`), 10_000);
  res.on("close", () => {
    if (stuck) clearTimeout(stuck);
    const ms = Date.now() - started;
    if (!sse && ms > 10_000) console.warn(`[drill app] ${method} ${url.pathname} answered ${res.statusCode} after ${ms} ms`);
  });
  const ac = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) ac.abort(); // the client went away: end its subscription
  });
  try {
    const chunks: Buffer[] = [];
    if (method !== "GET" && method !== "HEAD") for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(url, { method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined, signal: ac.signal });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      res.write(value);
    }
    res.end();
  } catch (e) {
    // What Next would do with an exception escaping a route handler: a bare 500 (the drill counts these).
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
    else res.destroy();
    if (!ac.signal.aborted) console.error("[drill app] unhandled", e);
  }
});
// The pool's queue and the event loop's worst delay, each second either is notable: how long requests wait for
// a connection, or for this process, around a fault.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
setInterval(() => {
  const stats = poolStats(getDb());
  const loopMaxMs = Math.round(loopDelay.max / 1e6);
  loopDelay.reset();
  if (stats && (stats.waiting > 0 || (stats.prepared?.waiting ?? 0) > 0 || loopMaxMs >= 200)) {
    console.warn(`[drill app] ${new Date().toISOString()} pool ${JSON.stringify(stats)} loop_max_ms ${loopMaxMs}`);
  }
}, 1000).unref();
server.requestTimeout = 0;
server.keepAliveTimeout = 60_000;
const port = Number(process.env.PORT ?? 0);
server.listen(port, "127.0.0.1", () => {
  const addr = server.address();
  console.log(`listening ${typeof addr === "object" && addr ? addr.port : port}`);
});
process.on("SIGTERM", () => process.exit(0));
