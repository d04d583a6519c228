import superjson from "superjson";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";

export type SseMessage = { id?: string; event: string; data: string };

/** Parses a text/event-stream body into messages (event defaults to "message"). */
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
        msg.data = data.join("\n");
        yield msg;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * Opens a tRPC SSE subscription through the real fetch adapter (the handler app/api/trpc/[trpc]/route.ts
 * uses), with a fixed actor as context — the test stand-in for a signed-in browser's EventSource.
 */
export async function openTrpcSse(opts: {
  db: PrismaClient;
  actor: Actor | null;
  path: string;
  input: unknown;
  lastEventId?: string;
  signal?: AbortSignal;
}): Promise<Response> {
  const url = new URL(`http://localhost/api/trpc/${opts.path}`);
  url.searchParams.set("input", JSON.stringify(superjson.serialize(opts.input)));
  const headers = new Headers({ accept: "text/event-stream" });
  if (opts.lastEventId) headers.set("last-event-id", opts.lastEventId);
  const req = new Request(url, { headers, signal: opts.signal });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: (): Context => ({ db: opts.db, actor: opts.actor, headers: req.headers, ip: null }),
  });
}

/** The payload of a tRPC SSE data message (superjson-encoded). */
export function sseData<T = unknown>(msg: SseMessage): T {
  return superjson.deserialize(JSON.parse(msg.data)) as T;
}
