import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { isAppError } from "@/server/errors";
import type { TLiveEventDto, TLiveEventsInput } from "@/lib/schemas/live";
import type { LiveDelivery, LiveHub } from "@/server/modules/live/live-hub";
import { openLiveStream } from "@/server/modules/live/live-stream";

/** A comment line keeps proxies from closing an idle stream, every this often (one timer for the whole process). */
export const LIVE_PING_MS = 20_000;
/** How long a browser's EventSource waits before reconnecting after the stream ended. */
export const LIVE_RETRY_MS = 1000;

export const LIVE_SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

const encoder = new TextEncoder();
const PING = encoder.encode(": ping\n\n");
const RETRY = encoder.encode(`retry: ${LIVE_RETRY_MS}\n\n`);

type Controller = ReadableStreamDefaultController<Uint8Array>;

/**
 * Every open stream of this process, pinged by one shared interval. A timer (and its closure) per
 * connection is part of what made tRPC's SSE stack cost ~63 KB per knight; this costs a Set entry.
 */
const open = new Set<Controller>();
let pingTimer: NodeJS.Timeout | null = null;

/**
 * The pings go out in slices, one slice every LIVE_PING_MS / PING_SLICES, each stream once per LIVE_PING_MS:
 * 5,000 streams pinged in one loop held an app instance's event loop ~300 ms (the surge drill's profile).
 */
const PING_SLICES = 20;
let rotation: Iterator<Controller> = open.values();

/** Pings the next `share` of the open streams, in turn (all of them by default; exported for tests). */
export function pingLiveStreams(share = 1): void {
  for (let n = Math.ceil(open.size * share); n > 0; n--) {
    let next = rotation.next();
    if (next.done) {
      rotation = open.values();
      next = rotation.next();
      if (next.done) return;
    }
    try {
      next.value.enqueue(PING);
    } catch {
      open.delete(next.value); // closed under us
    }
  }
}

function watch(c: Controller) {
  open.add(c);
  if (!pingTimer) {
    pingTimer = setInterval(() => pingLiveStreams(1 / PING_SLICES), LIVE_PING_MS / PING_SLICES);
    pingTimer.unref();
  }
}

function unwatch(c: Controller) {
  open.delete(c);
  if (open.size === 0 && pingTimer) {
    clearInterval(pingTimer);
    pingTimer = null;
  }
}

/** Open live streams in this process (tests, benchmark). */
export function openLiveSseCount(): number {
  return open.size;
}

function frame(e: LiveDelivery): Uint8Array {
  const dto: TLiveEventDto = { id: e.id, topic: e.topic, kind: e.kind, data: e.data };
  return encoder.encode(`id: ${e.cursor}\ndata: ${JSON.stringify(dto)}\n\n`);
}

/**
 * The caller's live events as a text/event-stream response (GET /api/live). Authorisation (can-subscribe,
 * per topic) and the hub's start run first, so a refusal or an unreachable database is thrown here — the
 * route answers it with an HTTP status, and a browser's EventSource stops instead of retrying.
 *
 * Each event is `id: <cursor>` + `data: <TLiveEventDto JSON>`. The cursor (lib/schemas/live.ts) is the highest id
 * sent so far, never lower, with the ids below it still to come: an event that fills an id hole arrives after a
 * higher id, and resuming must neither repeat what came after nor miss the hole. The body is pulled one event at a time (no buffering beyond the hub's queue); it ends
 * when `signal` aborts, the consumer cancels, or the hub ends the subscription (a client that fell behind:
 * its EventSource reconnects with Last-Event-ID and gets the replay).
 */
export async function openLiveSse(db: Db, hub: LiveHub, actor: Actor, input: TLiveEventsInput, signal?: AbortSignal): Promise<Response> {
  await hub.start();
  // Ends the hub subscription on a client abort, a cancelled body or the end of the events, whichever is first.
  const ac = new AbortController();
  const events = await openLiveStream(db, hub, actor, input, ac.signal);
  let controller: Controller | null = null;
  const finish = () => {
    if (controller) unwatch(controller);
    controller = null;
    signal?.removeEventListener("abort", end);
    ac.abort();
  };
  function end() {
    const c = controller;
    finish();
    try {
      c?.close();
    } catch {
      /* already closed or cancelled */
    }
  }
  signal?.addEventListener("abort", end, { once: true });
  // Started now, so the subscription is registered with the hub when the response is returned.
  let first: Promise<IteratorResult<LiveDelivery>> | null = events.next();
  first.catch(() => {}); // awaited (and its failure handled) by the first pull
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(RETRY); // also flushes the headers: the client sees the stream open at once
      watch(c);
      if (signal?.aborted) end();
    },
    async pull(c) {
      let next: IteratorResult<LiveDelivery>;
      try {
        next = await (first ?? events.next());
      } catch (e) {
        // The hub dropped a subscriber that fell behind (AppError), or a delivery check failed: end the
        // stream; the client resumes from its last id.
        if (!isAppError(e)) console.warn("[muster] live stream ended by an error", e);
        next = { done: true, value: undefined };
      }
      first = null;
      if (!controller) return; // cancelled meanwhile
      if (next.done) {
        end();
        return;
      }
      c.enqueue(frame(next.value));
    },
    cancel() {
      finish();
      void events.return(undefined).catch(() => {});
    },
  });
  return new Response(body, { headers: LIVE_SSE_HEADERS });
}
