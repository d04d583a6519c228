/**
 * The REST v1 route handler (app/api/v1/[...path]/route.ts, the same module Next serves) on a plain node
 * http server, for `npm run bench:match`'s end-to-end figure. Run as a child process so the load generator
 * does not share its event loop. Prints "listening <port>" when ready.
 */
import http from "node:http";

const route = (await import("../../app/api/v1/[...path]/route.ts")) as Record<string, (req: Request) => Promise<Response>>;

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
    const handler = route[method];
    const response = handler ? await handler(request) : new Response(null, { status: 405 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
});
server.listen(0, "127.0.0.1", () => {
  const addr = server.address();
  console.log(`listening ${typeof addr === "object" && addr ? addr.port : 0}`);
});
// Exit normally on SIGTERM (the bench stops its servers so), so exit hooks such as --cpu-prof still run.
process.on("SIGTERM", () => process.exit(0));
