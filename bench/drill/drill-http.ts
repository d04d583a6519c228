/**
 * The surge drill's clients (bench/drill/surge.ts): tRPC and REST calls that behave like a well-written client
 * behind a load balancer (on a refused/reset connection or a 503, retry on the next healthy instance with
 * backoff), and every attempt recorded so the drill can tell a clear 503 from a 500 and place it in a fault
 * window; plus live streams (GET /api/live) that reconnect to the other instance with their last event id.
 */
import http from "node:http";
import superjson from "superjson";
import { liveStreamPath, type TLiveEventDto } from "@/lib/schemas/live";

export type Outcome = "ok" | "business" | "unavailable" | "network" | "server_error";
/** `at`: when the attempt ended (what the fault windows are matched against); `sent`: when it was sent. */
export type Attempt = { at: number; sent: number; op: string; outcome: Outcome; status: number; write: boolean };
export type CallResult = { status: number; ok: boolean; data: unknown; errorCode: string | null; retried: number; gaveUp: boolean };

export const attempts: Attempt[] = [];
/** Logical requests that still failed after every retry. */
export const gaveUp = { n: 0 };
/** 5xx bodies other than a clear 503, kept for the report (first few). */
export const serverErrors: string[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Cluster {
  private readonly agents: http.Agent[];
  /** SSE streams hold their socket for good: their own unbounded agent, so they never queue the requests. */
  readonly sseAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  private readonly downUntil: number[];
  private rr = 0;
  constructor(public readonly ports: number[]) {
    this.agents = ports.map(() => new http.Agent({ keepAlive: true, maxSockets: 48 }));
    this.downUntil = ports.map(() => 0);
  }
  /** Round-robin over instances not marked down (a load balancer's health check). */
  pick(): number {
    const now = Date.now();
    for (let i = 0; i < this.ports.length; i++) {
      const k = this.rr++ % this.ports.length;
      if (this.downUntil[k]! <= now) return k;
    }
    return this.rr++ % this.ports.length;
  }
  markDown(k: number) {
    this.downUntil[k] = Date.now() + 1500;
  }
  agent(k: number) {
    return this.agents[k]!;
  }
  destroy() {
    for (const a of this.agents) a.destroy();
    this.sseAgent.destroy();
  }
}

function raw(cluster: Cluster, k: number, method: string, path: string, body: string | null, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { ...headers };
    if (body !== null) Object.assign(h, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    const req = http.request({ host: "127.0.0.1", port: cluster.ports[k], path, method, agent: cluster.agent(k), headers: h, timeout: 30_000 }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}

/** One logical request with retries; `op` names it in the attempt log. */
async function send(
  cluster: Cluster, op: string, write: boolean, method: string, path: string, body: string | null, headers: Record<string, string>,
  parse: (status: number, json: unknown) => { ok: boolean; data: unknown; errorCode: string | null },
): Promise<CallResult> {
  for (let attempt = 0; ; attempt++) {
    const k = cluster.pick();
    let status = 0;
    let text = "";
    const sent = Date.now();
    try {
      ({ status, text } = await raw(cluster, k, method, path, body, headers));
    } catch {
      cluster.markDown(k);
      attempts.push({ at: Date.now(), sent, op, outcome: "network", status: 0, write });
      if (attempt >= 12) {
        gaveUp.n++;
        return { status: 0, ok: false, data: null, errorCode: "NETWORK", retried: attempt, gaveUp: true };
      }
      await sleep(Math.min(2000, 100 * 2 ** attempt));
      continue;
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* a bare 500 has no JSON */
    }
    if (status >= 500) {
      const clear = status === 503 && /unavailable/i.test(text) && !/\bat .*\.(ts|js):\d+/.test(text);
      attempts.push({ at: Date.now(), sent, op, outcome: clear ? "unavailable" : "server_error", status, write });
      if (!clear && serverErrors.length < 20) serverErrors.push(`${op} → ${status}: ${text.slice(0, 300)}`);
      if (attempt >= 12) {
        gaveUp.n++;
        return { status, ok: false, data: null, errorCode: "UNAVAILABLE", retried: attempt, gaveUp: true };
      }
      await sleep(Math.min(2000, 150 * 2 ** attempt));
      continue;
    }
    const r = parse(status, json);
    attempts.push({ at: Date.now(), sent, op, outcome: r.ok ? "ok" : "business", status, write });
    return { status, ...r, retried: attempt, gaveUp: false };
  }
}

const trpcParse = (status: number, json: unknown) => {
  const j = json as { result?: { data?: unknown }; error?: { json?: { data?: { code?: string } } } } | null;
  if (status === 200 && j?.result) return { ok: true, data: superjson.deserialize(j.result.data as never), errorCode: null };
  return { ok: false, data: null, errorCode: j?.error?.json?.data?.code ?? `HTTP_${status}` };
};

export function trpcMutation<T = unknown>(cluster: Cluster, path: string, input: unknown, auth: Record<string, string>): Promise<CallResult & { data: T }> {
  return send(cluster, path, true, "POST", `/api/trpc/${path}`, JSON.stringify(superjson.serialize(input)), auth, trpcParse) as Promise<CallResult & { data: T }>;
}

export function trpcQuery<T = unknown>(cluster: Cluster, path: string, input: unknown, auth: Record<string, string>): Promise<CallResult & { data: T }> {
  const q = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  return send(cluster, path, false, "GET", `/api/trpc/${path}?input=${q}`, null, auth, trpcParse) as Promise<CallResult & { data: T }>;
}

export function restPost<T = unknown>(cluster: Cluster, op: string, path: string, body: unknown, key: string): Promise<CallResult & { data: T }> {
  return send(cluster, op, true, "POST", `/api/v1${path}`, JSON.stringify(body ?? {}), { authorization: `Bearer ${key}` }, (status, json) => {
    if (status >= 200 && status < 300) return { ok: true, data: json, errorCode: null };
    return { ok: false, data: null, errorCode: (json as { code?: string } | null)?.code ?? `HTTP_${status}` };
  }) as Promise<CallResult & { data: T }>;
}

export type LiveEventDto = TLiveEventDto;

/**
 * A live stream (GET /api/live) that survives instance kills and database restarts: on any end it reconnects
 * (next instance) with the last event id it got. `received` keeps every event id per topic, in arrival order.
 */
export class LiveClient {
  readonly received = new Map<string, string[]>();
  resets = 0;
  reconnects = 0;
  connectedTo = -1;
  /** When each connection was answered 200 (ms) and the last id sent with it: to place a lost event afterwards. */
  readonly opened: { at: number; after: string; instance: number }[] = [];
  /** Every connection attempt and how it ended (a status, an error, or still pending): for a client with a gap. */
  readonly tries: { at: number; instance: number; result: string; endedAt?: number }[] = [];
  private lastId: string;
  private req: http.ClientRequest | null = null;
  private closed = false;
  private attempt = 0;

  constructor(
    private readonly cluster: Cluster,
    readonly topics: string[],
    private readonly cookie: string,
    readonly startAfter: string,
    private readonly onEvent: (e: LiveEventDto) => void = () => {},
    private readonly instance = 0,
  ) {
    this.lastId = startAfter;
  }

  open(k = this.instance): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      this.connectedTo = k;
      // One connection ends once: its 'end', 'error' and the request's 'error' can all fire for the same
      // close, and a second retry would open a second stream (every event twice).
      let ended = false;
      const attempt: (typeof this.tries)[number] = { at: Date.now(), instance: k, result: "pending" };
      this.tries.push(attempt);
      if (this.tries.length > 20) this.tries.shift();
      const again = (why?: string) => {
        if (ended) return;
        ended = true;
        if (why) attempt.result += ` → ${why}`;
        attempt.endedAt = Date.now();
        this.retry(k);
      };
      const req = http.request(
        { host: "127.0.0.1", port: this.cluster.ports[k], path: liveStreamPath(this.topics, this.lastId), agent: this.cluster.sseAgent,
          headers: { accept: "text/event-stream", cookie: this.cookie, "last-event-id": this.lastId } },
        (res) => {
          attempt.result = String(res.statusCode);
          if (res.statusCode !== 200) {
            res.resume();
            res.on("end", () => again());
            return resolve();
          }
          this.attempt = 0;
          this.opened.push({ at: Date.now(), after: this.lastId, instance: k });
          res.setEncoding("utf8");
          let buf = "";
          res.on("data", (chunk: string) => {
            buf += chunk;
            let end: number;
            while ((end = buf.indexOf("\n\n")) >= 0) {
              this.block(buf.slice(0, end));
              buf = buf.slice(end + 2);
            }
          });
          res.on("end", () => again("end"));
          res.on("error", (e) => again(`error ${(e as NodeJS.ErrnoException).code ?? e.message}`));
          resolve();
        },
      );
      req.on("error", (e) => {
        again(`request error ${(e as NodeJS.ErrnoException).code ?? e.message}`);
        resolve();
      });
      req.end();
      this.req = req;
    });
  }

  private block(block: string) {
    // A stream that failed server-side (e.g. the database restarting) just ends: 'end' reconnects and resumes.
    let data = "";
    let cursor: string | null = null;
    for (const line of block.split("\n")) {
      if (line.startsWith("data:")) data += line.slice(5).trimStart();
      else if (line.startsWith("id:")) cursor = line.slice(3).trim();
    }
    if (!data) return; // `: ping`, `retry:`
    let dto: LiveEventDto;
    try {
      dto = JSON.parse(data) as LiveEventDto;
    } catch {
      return;
    }
    if (!dto?.kind) return;
    // As an EventSource does: the stream's `id:` (a cursor with the holes still to come) is what a reconnect sends.
    if (cursor) this.lastId = cursor;
    if (dto.kind === "live.reset") {
      this.resets++;
      return;
    }
    (this.received.get(dto.topic) ?? this.received.set(dto.topic, []).get(dto.topic)!).push(dto.id);
    this.onEvent(dto);
  }

  private retry(from: number) {
    if (this.closed) return;
    this.req = null;
    this.reconnects++;
    const delay = Math.min(2000, 100 * 2 ** this.attempt++) + Math.random() * 200;
    // The load balancer sends a reconnect to the other instance when this one is gone.
    setTimeout(() => void this.open((from + 1) % this.cluster.ports.length), delay);
  }

  close() {
    this.closed = true;
    this.req?.destroy();
  }
}
