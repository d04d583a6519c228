"use client";

import { createContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { LiveMux, type LiveStreamSpec } from "@/lib/live/live-mux";
import { useLiveStream } from "@/lib/live/use-live-stream";

export const LiveMuxContext = createContext<LiveMux | null>(null);

/** Holds the tab's live subscriptions (see LiveMux); inside TRPCReactProvider, around every page (app/[locale]/layout.tsx). */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [mux] = useState(() => new LiveMux());
  useSyncExternalStore(mux.subscribe, mux.getVersion, mux.getVersion);
  return (
    <LiveMuxContext.Provider value={mux}>
      {children}
      {mux.streams().map((spec) => (
        <LiveStreamRunner key={spec.key} mux={mux} spec={spec} />
      ))}
    </LiveMuxContext.Provider>
  );
}

function LiveStreamRunner({ mux, spec }: { mux: LiveMux; spec: LiveStreamSpec }) {
  // Fixed for the runner's life (its key is its topic set): the start point, the topics, the delivery.
  const [startAfter] = useState(() => mux.lastEventId());
  const [topics] = useState(spec.topics);
  const [deliver] = useState(() => (id: string, event: Parameters<LiveMux["deliver"]>[2]) => mux.deliver(spec, id, event));
  const state = useLiveStream(topics, startAfter, deliver);
  useEffect(() => mux.reportState(spec, state), [mux, spec, state]);
  return null;
}
