"use client";

import { useEffect, useRef, useState } from "react";
import type { TLiveEventDto } from "@/lib/schemas/live";
import type { LiveConnectionState } from "@/lib/live/live-mux";
import { LiveEventSource } from "@/lib/live/live-event-source";

/**
 * One live stream (GET /api/live, see LiveEventSource) for a fixed topic set (remount for another set),
 * starting after `startAfter`. Used by LiveProvider only: components call useLiveEvents.
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
    const source = new LiveEventSource(topics, startAfter, (id, e) => deliver.current(id, e), setState, {
      EventSource: window.EventSource,
      fetch: window.fetch.bind(window),
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (t) => window.clearTimeout(t as number),
    });
    return () => source.close();
  }, [topics, startAfter]);

  return topics.length === 0 ? "idle" : state;
}
