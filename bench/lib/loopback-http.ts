/** Loopback HTTP helpers for the benchmarks: SSE streams, JSON POSTs, polling. */
import http from "node:http";

/**
 * One SSE connection; resolves once the response headers arrived. Hands the `data:` of each message to onData;
 * onEnd (optional) hears the server end the stream (e.g. a subscription refused with 503 ends it at once).
 */
export function openSse(
  agent: http.Agent,
  port: number,
  reqPath: string,
  headers: Record<string, string>,
  onData: (data: string) => void,
  onEnd?: () => void,
): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: reqPath, headers: { accept: "text/event-stream", ...headers }, agent }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`SSE ${reqPath}: HTTP ${res.statusCode}`));
      res.setEncoding("utf8");
      if (onEnd) res.on("end", onEnd);
      let buf = "";
      res.on("data", (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          if (block.startsWith("event:") || block.startsWith(":")) continue; // connected / ping / comments
          const at = block.indexOf("data: ");
          if (at >= 0) onData(block.slice(at + 6, block.indexOf("\n", at) < 0 ? undefined : block.indexOf("\n", at)));
        }
      });
      resolve(req);
    });
    req.on("error", reject);
    req.end();
  });
}

export function postJson(agent: http.Agent, port: number, reqPath: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  return requestJson(agent, port, "POST", reqPath, JSON.stringify(body), headers);
}

export function getJson(agent: http.Agent, port: number, reqPath: string, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  return requestJson(agent, port, "GET", reqPath, null, headers);
}

function requestJson(agent: http.Agent, port: number, method: string, reqPath: string, payload: string | null, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const bodyHeaders: Record<string, string | number> = payload === null ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) };
    const req = http.request({ host: "127.0.0.1", port, path: reqPath, method, agent, headers: { ...bodyHeaders, ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) });
        } catch {
          resolve({ status: res.statusCode ?? 0, json: text });
        }
      });
    });
    req.on("error", reject);
    req.end(payload ?? undefined);
  });
}

/**
 * One request whose answer is only counted, not parsed (a load generator's request, as autocannon sends them):
 * resolves with the status once the body has been read to the end.
 */
export function requestStatus(agent: http.Agent, url: URL, method: string, payload: string | null, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const bodyHeaders: Record<string, string | number> = payload === null ? {} : { "content-length": Buffer.byteLength(payload) };
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method, agent, headers: { ...bodyHeaders, ...headers } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(payload ?? undefined);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > until) return false;
    await sleep(2);
  }
  return true;
}

