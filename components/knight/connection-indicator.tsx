"use client";

import { useT } from "@/lib/i18n/client";
import { cx } from "@/components/ui/cx";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

const DOT: Record<ConnectionState, string> = {
  connecting: "bg-slate-400",
  live: "bg-emerald-500",
  reconnecting: "bg-amber-500 animate-pulse",
  offline: "bg-red-500",
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
      {t(`connection.${state}`)}
    </span>
  );
}
