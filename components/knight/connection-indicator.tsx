"use client";

import { useT } from "@/lib/i18n/client";
import type { LiveConnectionState } from "@/lib/live/use-live-events";
import { cx } from "@/components/ui/cx";

/** The live feed's state (useLiveEvents); "idle" reads as connecting here, since a topic is on its way. */
export type ConnectionState = LiveConnectionState;

const DOT: Record<ConnectionState, string> = {
  idle: "bg-slate-400",
  connecting: "bg-slate-400",
  live: "bg-emerald-500",
  reconnecting: "bg-amber-500 animate-pulse",
  denied: "bg-red-500",
};

/** Whether new offers can reach this screen right now; announced politely when it changes. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const t = useT("knightApp");
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="connection-indicator"
      data-state={state}
      className="inline-flex items-center gap-1.5 rounded-full bg-white px-2.5 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-200"
    >
      <span aria-hidden="true" className={cx("size-2 rounded-full", DOT[state])} />
      {t(`connection.${state === "idle" ? "connecting" : state}`)}
    </span>
  );
}
