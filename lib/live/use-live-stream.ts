"use client";

import { skipToken } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { TLiveEventDto } from "@/lib/schemas/live";
import type { LiveConnectionState } from "@/lib/live/live-mux";
import { useTRPC } from "@/lib/trpc/react";

/** Errors a retry cannot fix: stop instead of reconnecting. */
const FINAL_CODES = new Set(["UNAUTHORIZED", "FORBIDDEN", "BAD_REQUEST"]);

/** The last event id a stream has seen, read only in callbacks: a retry resumes after it. */
class StreamCursor {
  constructor(public last: string | null) {}
  see(id: string) {
    this.last = id;
  }
}

/**
 * One `live.events` SSE subscription for a fixed topic set (remount for another set), starting after
 * `startAfter`. Connection drops are retried by the tRPC link, which resends the last event id; a stream the
 * server ended with an error (e.g. the client fell behind) is reopened here after a backoff from the last
 * event seen, so no event is lost or repeated. Used by LiveProvider only: components call useLiveEvents.
 */
export function useLiveStream(
  topics: string[],
  startAfter: string | null,
  onEvent: (id: string, event: TLiveEventDto) => void,
): LiveConnectionState {
  const trpc = useTRPC();
  const [cursor] = useState(() => new StreamCursor(startAfter));
  const [retry, setRetry] = useState<{ lastEventId: string | null; attempt: number }>({ lastEventId: startAfter, attempt: 0 });
  const [gotEvent, setGotEvent] = useState(false);
  const input = useMemo(() => (topics.length > 0 ? { topics, lastEventId: retry.lastEventId } : skipToken), [topics, retry]);
  const onData = useCallback(
    (tracked: { id: string; data: TLiveEventDto }) => {
      cursor.see(tracked.id);
      onEvent(tracked.id, tracked.data);
      setGotEvent(true);
    },
    [onEvent, cursor],
  );
  const sub = useSubscription(trpc.live.events.subscriptionOptions(input, { onData }));

  const code = sub.error?.data?.code;
  const final = sub.status === "error" && !!code && FINAL_CODES.has(code);
  const { status, reset } = sub;
  const { attempt } = retry;
  useEffect(() => {
    if (status !== "error" || final) return;
    const timer = setTimeout(() => {
      const id = cursor.last;
      setRetry((r) => ({ lastEventId: id, attempt: r.attempt + 1 }));
      // Same input (no event since the last start): the query key is unchanged, so restart explicitly.
      if (id === retry.lastEventId) reset();
    }, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
    return () => clearTimeout(timer);
  }, [status, final, attempt, retry.lastEventId, reset, cursor]);

  if (topics.length === 0) return "idle";
  if (final) return "denied";
  if (sub.status === "pending") return "live";
  if (sub.status === "error" || gotEvent || attempt > 0) return "reconnecting";
  return "connecting";
}
