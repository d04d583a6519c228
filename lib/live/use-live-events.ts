"use client";

import { skipToken } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { TLiveEventDto } from "@/lib/schemas/live";
import { useTRPC } from "@/lib/trpc/react";

/** idle: no topics · connecting: first connect · live: streaming · reconnecting: lost, resuming · denied: not allowed. */
export type LiveConnectionState = "idle" | "connecting" | "live" | "reconnecting" | "denied";

/** Errors a retry cannot fix: stop instead of reconnecting. */
const FINAL_CODES = new Set(["UNAUTHORIZED", "FORBIDDEN", "BAD_REQUEST"]);

/** Per-hook mutable state read only in callbacks: the latest handler and the last event id per topic set. */
class LiveCursor {
  private key: string | null = null;
  private lastId: string | null = null;
  constructor(private handler: (event: TLiveEventDto) => void) {}
  setHandler(handler: (event: TLiveEventDto) => void) {
    this.handler = handler;
  }
  deliver(key: string | null, id: string, event: TLiveEventDto) {
    this.key = key;
    this.lastId = id;
    this.handler(event);
  }
  lastIdFor(key: string): string | null {
    return this.key === key ? this.lastId : null;
  }
}

/**
 * Follows live topics over SSE (`live.events`). Connection drops are retried by the tRPC link, which resends
 * the last event id; a stream the server ended with an error (e.g. the client fell behind) is reopened here
 * after a backoff with `lastEventId`, so no event is lost or repeated. `onEvent` may change between renders.
 *
 *   const { state } = useLiveEvents(topics, (e) => { if (e.kind === "offer.new") refetchOffers(); });
 *
 * A `live.reset` event means the gap could not be replayed in full: refetch whatever the page shows.
 */
export function useLiveEvents(
  topics: readonly string[] | null | undefined,
  onEvent: (event: TLiveEventDto) => void,
): { state: LiveConnectionState } {
  const trpc = useTRPC();
  const [box] = useState(() => new LiveCursor(onEvent));
  useEffect(() => box.setHandler(onEvent));
  const key = topics && topics.length > 0 ? [...new Set(topics)].sort().join("|") : null;
  // A retry of the same topic set resumes after the last event seen; a new topic set starts fresh.
  const [retry, setRetry] = useState<{ key: string | null; lastEventId: string | null; attempt: number }>({ key: null, lastEventId: null, attempt: 0 });
  const [liveKey, setLiveKey] = useState<string | null>(null);
  const attempt = retry.key === key ? retry.attempt : 0;

  const input = useMemo(
    () => (key ? { topics: key.split("|"), lastEventId: retry.key === key ? retry.lastEventId : null } : skipToken),
    [key, retry],
  );
  const onData = useCallback(
    (tracked: { id: string; data: TLiveEventDto }) => {
      box.deliver(key, tracked.id, tracked.data);
      setLiveKey(key);
    },
    [key, box],
  );
  const sub = useSubscription(trpc.live.events.subscriptionOptions(input, { onData }));

  const code = sub.error?.data?.code;
  const final = sub.status === "error" && !!code && FINAL_CODES.has(code);
  const { status, reset } = sub;
  useEffect(() => {
    if (status !== "error" || final || !key) return;
    const timer = setTimeout(() => {
      const id = box.lastIdFor(key);
      const current = retry.key === key ? retry.lastEventId : null;
      setRetry({ key, lastEventId: id, attempt: attempt + 1 });
      // Same input (no event since the last start): the query key is unchanged, so restart explicitly.
      if (id === current) reset();
    }, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
    return () => clearTimeout(timer);
  }, [status, final, attempt, key, box, retry, reset]);

  let state: LiveConnectionState;
  if (!key) state = "idle";
  else if (final) state = "denied";
  else if (sub.status === "pending") state = "live";
  else if (sub.status === "error" || liveKey === key || attempt > 0) state = "reconnecting";
  else state = "connecting";
  return { state };
}
