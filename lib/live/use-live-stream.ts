"use client";

import { useEffect, useRef, useState } from "react";
import { liveStreamPath, type TLiveEventDto } from "@/lib/schemas/live";
import type { LiveConnectionState } from "@/lib/live/live-mux";

/** Refusals a retry cannot fix: stop instead of reconnecting. */
const FINAL_STATUSES = new Set([400, 401, 403]);

/** Backoff before reopening a stream the server refused for now (429, 503, …), at least its Retry-After. */
function backoffMs(attempt: number, retryAfter: string | null): number {
  const hinted = Number(retryAfter) * 1000;
  return Math.max(Number.isFinite(hinted) ? hinted : 0, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
}

/**
 * One live stream (GET /api/live) for a fixed topic set (remount for another set), starting after
 * `startAfter`, over the browser's EventSource: a dropped connection or a stream the server ended (e.g. the
 * client fell behind) is reopened by the browser with Last-Event-ID, so no event is lost or repeated.
 * A refusal (an HTTP error) closes an EventSource for good without telling why, so one request reads the
 * status: 400/401/403 → "denied"; anything else → reopened after a backoff from the last event seen.
 * Used by LiveProvider only: components call useLiveEvents.
 */
export function useLiveStream(
  topics: string[],
  startAfter: string | null,
  onEvent: (id: string, event: TLiveEventDto) => void,
): LiveConnectionState {
  const [state, setState] = useState<LiveConnectionState>("connecting");
  const deliver = useRef(onEvent);
  useEffect(() => {
    deliver.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (topics.length === 0) return;
    let cursor = startAfter;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let stopped = false;
    const probe = new AbortController();

    const open = () => {
      const es = (source = new EventSource(liveStreamPath(topics, cursor)));
      es.onopen = () => {
        attempt = 0;
        setState("live");
      };
      es.onmessage = (m: MessageEvent<string>) => {
        cursor = m.lastEventId || cursor;
        deliver.current(m.lastEventId, JSON.parse(m.data) as TLiveEventDto);
      };
      es.onerror = () => {
        if (es.readyState !== EventSource.CLOSED) {
          setState("reconnecting"); // the browser retries by itself
          return;
        }
        void refused();
      };
    };

    const refused = async () => {
      source?.close();
      source = null;
      let status = 0;
      let retryAfter: string | null = null;
      try {
        const res = await fetch(liveStreamPath(topics, cursor), { headers: { accept: "text/event-stream" }, signal: probe.signal });
        status = res.status;
        retryAfter = res.headers.get("retry-after");
        void res.body?.cancel().catch(() => {}); // a stream that opened after all: the EventSource reopens it
      } catch {
        /* offline, or unmounted: retry after the backoff */
      }
      if (stopped) return;
      if (FINAL_STATUSES.has(status)) {
        setState("denied");
        return;
      }
      setState("reconnecting");
      timer = setTimeout(open, backoffMs(attempt++, retryAfter));
    };

    open();
    return () => {
      stopped = true;
      probe.abort();
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [topics, startAfter]);

  return topics.length === 0 ? "idle" : state;
}
