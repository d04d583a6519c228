"use client";

import { useContext, useEffect, useRef, useSyncExternalStore } from "react";
import type { TLiveEventDto } from "@/lib/schemas/live";
import { LiveMuxContext } from "@/lib/live/live-provider";
import type { LiveConnectionState } from "@/lib/live/live-mux";

export type { LiveConnectionState } from "@/lib/live/live-mux";

/**
 * Follows live topics: every component's topics travel over the tab's shared SSE connection (LiveProvider),
 * which resumes after the last event seen, so no event is lost or repeated. `onEvent` may change between
 * renders; it only receives events of these topics that happened after the component started following them.
 *
 *   const { state } = useLiveEvents(topics, (e) => { if (e.kind === "offer.new") refetchOffers(); });
 *
 * A `live.reset` event means the gap could not be replayed in full: refetch whatever the page shows.
 */
export function useLiveEvents(
  topics: readonly string[] | null | undefined,
  onEvent: (event: TLiveEventDto) => void,
): { state: LiveConnectionState } {
  const mux = useContext(LiveMuxContext);
  if (!mux) throw new Error("useLiveEvents must be used inside <LiveProvider> (the locale layout provides it)");
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const key = topics && topics.length > 0 ? [...new Set(topics)].sort().join("|") : null;
  useEffect(() => {
    if (!key) return;
    const id = mux.register(key.split("|"), (e) => handler.current(e));
    return () => mux.unregister(id);
  }, [mux, key]);
  useSyncExternalStore(mux.subscribe, mux.getVersion, mux.getVersion);
  return { state: mux.stateFor(key ? key.split("|") : null) };
}
