"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/lib/trpc/react";
import { useLiveEvents } from "@/lib/live/use-live-events";

/** Live kinds on a region topic that change what the map shows. */
const MAP_EVENTS = new Set(["command.changed", "hazard.alert", "live.reset"]);
/** A burst of changes (a dispatch wave, a batch of needs) becomes one refetch. */
const COALESCE_MS = 400;

/**
 * One region's map data, kept current over the live channel: every change event on `region:<code>` (written
 * in the same transaction as the change) triggers a refetch — no polling. The SSE connection reconnects by
 * itself and resumes after the last event seen; `state` says whether it is live or reconnecting.
 */
export function useCommandMap(regionCode: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.commandMap.map.queryOptions({ regionCode });
  const query = useQuery({ ...options, staleTime: Infinity, refetchOnWindowFocus: false, retry: 2 });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const key = options.queryKey;
  const live = useLiveEvents(query.isSuccess ? [`region:${regionCode}`] : null, (e) => {
    if (!MAP_EVENTS.has(e.kind) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: key });
    }, COALESCE_MS);
  });
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return { query, live: live.state };
}
