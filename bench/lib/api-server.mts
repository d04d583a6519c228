/**
 * The REST v1 handler (server/api/rest-handler.ts, what app/api/v1/[...path]/route.ts serves) on a plain node
 * http server, for `npm run bench:match`'s end-to-end figure. Run as a child process so the load generator
 * does not share its event loop. Prints "listening <port>" when ready.
 * The request budgets still run (one counter upsert per request, so their cost is in the figures), but with
 * limits no bench reaches: the bench measures throughput, not refusals.
 */
import http from "node:http";

const { createRestHandler } = await import("../../server/api/rest-handler.ts");
const { RATE_LIMITS } = await import("../../server/modules/rate-limit/rate-limit-config.ts");

const unlimited = Object.fromEntries(Object.entries(RATE_LIMITS).map(([k, b]) => [k, { ...b, limit: 1e9 }])) as typeof RATE_LIMITS;
const handle = createRestHandler({ limiter: { budgets: unlimited, now: () => new Date() } });

const server = http.createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method = req.method ?? "GET";
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await handle(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
});
// Longer than the client's gaps between requests on one socket: with Node's 5 s default the server closed
// sockets the bench's keep-alive agent (LIFO) had left idle, just as the agent reused one, and the request
// failed with ECONNRESET "socket hang up" (as bench/lib/dispatch-bench-server.ts and the drill already do).
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const addr = server.address();
  console.log(`listening ${typeof addr === "object" && addr ? addr.port : 0}`);
});
// Exit normally on SIGTERM (the bench stops its servers so), so exit hooks such as --cpu-prof still run.
process.on("SIGTERM", () => process.exit(0));
