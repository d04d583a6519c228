"use client";

import { formatNumber, formatPercent } from "@/lib/i18n/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { fillFraction, fillSegments, filledTotal, type FillCounts, type FillKey } from "@/components/needs/need-view";
import { cx } from "@/components/ui/cx";

const COLORS: Record<FillKey, string> = {
  committed: "bg-brand-300",
  enRoute: "bg-brand-500",
  onScene: "bg-brand-700",
  released: "bg-emerald-600",
};

/**
 * One stacked bar per need: committed → en route → on scene → released, each a share of the requested
 * quantity, with the numbers spelled out below (colour is never the only carrier of meaning).
 */
export function NeedFillBar({ need, unit, compact = false }: { need: FillCounts; unit: string; compact?: boolean }) {
  const t = useT("needs");
  const locale = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const segments = fillSegments(need);
  const filled = filledTotal(need);
  const summary = t("fill.summary", {
    committed: n(filled),
    requested: n(need.quantity),
    unit,
    percent: formatPercent(locale, fillFraction(need)),
  });
  return (
    <div className="min-w-44 space-y-1.5" data-testid="need-fill" data-requested={need.quantity} data-filled={filled}>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={need.quantity}
        aria-valuenow={Math.min(filled, need.quantity)}
        aria-valuetext={summary}
        aria-label={t("columns.progress")}
        className="flex h-2.5 overflow-hidden rounded-full bg-slate-200"
      >
        {segments.map((s) =>
          s.pct > 0 ? <div key={s.key} className={cx("h-full transition-[width]", COLORS[s.key])} style={{ width: `${s.pct}%` }} data-testid={`fill-${s.key}`} /> : null,
        )}
      </div>
      <p className="text-xs text-slate-700 tabular-nums" data-testid="need-fill-summary">
        {summary}
      </p>
      {compact ? null : (
        <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-slate-500">
          {segments.map((s) => (
            <li key={s.key} className="inline-flex items-center gap-1">
              <span aria-hidden="true" className={cx("inline-block size-2 rounded-sm", COLORS[s.key])} />
              {t(`fill.${s.key}`)} {n(s.value)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
