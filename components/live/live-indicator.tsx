"use client";

import type { LiveConnectionState } from "@/lib/live/use-live-events";
import { useT } from "@/lib/i18n/client";
import { cx } from "@/components/ui/cx";

const DOT: Record<LiveConnectionState, string> = {
  idle: "bg-slate-300",
  connecting: "bg-amber-400",
  live: "bg-emerald-500",
  reconnecting: "bg-amber-500 animate-pulse",
  denied: "bg-red-500",
};

/** A small "live / reconnecting" badge for pages that follow live topics (state from useLiveEvents). */
export function LiveIndicator(props: { state: LiveConnectionState; className?: string }) {
  const t = useT("live");
  return (
    <span role="status" aria-live="polite" className={cx("inline-flex items-center gap-1.5 text-xs text-slate-600", props.className)}>
      <span aria-hidden className={cx("inline-block h-2 w-2 rounded-full", DOT[props.state])} />
      {t(`state.${props.state}`)}
    </span>
  );
}
