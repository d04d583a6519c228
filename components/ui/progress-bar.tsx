import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/** An accessible meter of how far something is (e.g. how much of the open needs is filled). */
export function ProgressBar({
  value,
  max = 100,
  label,
  valueText,
  tone = "brand",
  className,
}: {
  value: number;
  max?: number;
  /** Accessible name (visible label above the bar when given). */
  label: ReactNode;
  /** Text read out and shown at the right, e.g. "62%". */
  valueText?: string;
  tone?: "brand" | "success" | "slate";
  className?: string;
}) {
  const safeMax = max > 0 ? max : 1;
  const clamped = Math.min(Math.max(value, 0), safeMax);
  const pct = (clamped / safeMax) * 100;
  const bar = tone === "success" ? "bg-emerald-600" : tone === "slate" ? "bg-slate-600" : "bg-brand-600";
  return (
    <div className={cx("space-y-1.5", className)}>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="text-slate-700">{label}</span>
        {valueText ? <span className="font-medium tabular-nums text-slate-900">{valueText}</span> : null}
      </div>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={safeMax}
        aria-valuenow={clamped}
        aria-valuetext={valueText}
        aria-label={typeof label === "string" ? label : undefined}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cx("h-full rounded-full transition-[width]", bar)} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
