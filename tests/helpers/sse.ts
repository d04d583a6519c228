import { handleLiveSse } from "@/server/api/live-sse";
import type { Context, HttpContext } from "@/server/api/trpc";
import { liveStreamPath, type TLiveEventDto } from "@/lib/schemas/live";
import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";

export type SseMessage = { id?: string; event: string; data: string };

/**
 * Parses a text/event-stream body into messages (event defaults to "message"). As in a browser, a block
 * without data (a `: ping` comment, a `retry:` hint) is no message.
 */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buf = "";
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const msg: SseMessage = { event: "message", data: "" };
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) continue;
          const i = line.indexOf(":");
          const field = i < 0 ? line : line.slice(0, i);
          const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
          if (field === "id") msg.id = value;
          else if (field === "event") msg.event = value;
          else if (field === "data") data.push(value);
        }
        if (data.length === 0) continue;
        msg.data = data.join("\n");
        yield msg;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * Opens the live stream through the real handler (the one app/api/live/route.ts serves), with a fixed actor
 * as context — the test stand-in for a signed-in browser's EventSource. `lastEventId` is sent as the
 * Last-Event-ID header, as a reconnecting EventSource does; `query` adds raw URL parameters.
 */
export async function openLiveSse(opts: {
  db: PrismaClient;
  actor: Actor | null;
  topics: string[];
  lastEventId?: string;
  query?: Record<string, string>;
  signal?: AbortSignal;
  http?: HttpContext;
}): Promise<Response> {
  const url = new URL(`http://localhost${liveStreamPath(opts.topics)}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers({ accept: "text/event-stream" });
  if (opts.lastEventId) headers.set("last-event-id", opts.lastEventId);
  const req = new Request(url, { headers, signal: opts.signal });
  return handleLiveSse(req, async (): Promise<Context> => ({ db: opts.db, actor: opts.actor, headers: req.headers, ip: null, http: opts.http }));
}

/** The payload of a live stream data message (plain JSON). */
export function sseData<T = TLiveEventDto>(msg: SseMessage): T {
  return JSON.parse(msg.data) as T;
}
