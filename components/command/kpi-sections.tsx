"use client";

import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatDuration, formatNumber, formatPercent } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import type { NamespaceMessages } from "@/lib/i18n/catalogue";
import { KPI_FUNNEL_LIMIT, type TCommandKpis } from "@/lib/schemas/command-kpis";
import { BarChart } from "@/components/command/charts/bar-chart";
import { ChartFigure } from "@/components/command/charts/chart-figure";
import { LineChart, type LineSeries } from "@/components/command/charts/line-chart";

/** The KPI panel's figures, one chart + table each (kpi-panel.tsx picks the region and period). */

export type KpiT = Translator<MessageKey<NamespaceMessages<"commandKpis">>>;
type Ctx = { k: TCommandKpis; t: KpiT; locale: Locale };
const pct = (locale: Locale, x: number | null) => (x === null ? "—" : formatPercent(locale, x));

export function OpenNeedsFigure({ k, t, locale }: Ctx) {
  const rows = k.openNeeds;
  return (
    <ChartFigure
      testId="kpi-open-needs"
      title={t("openNeeds.title")}
      showTableLabel={t("panel.showTable")}
      chart={
        <BarChart
          label={t("openNeeds.title")}
          max={1}
          bars={rows.map((r) => ({
            key: r.priority,
            label: `${t(`priorities.${r.priority}`)} (${formatNumber(locale, r.open)}/${formatNumber(locale, r.posted)})`,
            value: r.fillRate ?? 0,
            display: pct(locale, r.fillRate),
            tone: r.priority === "LIFE_SAFETY" ? "red" : r.priority === "URGENT" ? "amber" : "slate",
          }))}
        />
      }
      table={{
        headers: [t("openNeeds.priority"), t("openNeeds.posted"), t("openNeeds.open"), t("openNeeds.quantity"), t("openNeeds.filled"), t("openNeeds.fillRate")],
        rows: rows.map((r) => [t(`priorities.${r.priority}`), r.posted, r.open, r.quantity, r.filled, pct(locale, r.fillRate)]),
      }}
    />
  );
}

const STAGES = ["needed", "committed", "enRoute", "onScene", "released"] as const;

export function FunnelFigure({ k, t, locale }: Ctx) {
  const total = k.funnel.total;
  return (
    <ChartFigure
      testId="kpi-funnel"
      title={t("funnel.title")}
      description={t("funnel.description")}
      showTableLabel={t("panel.showTable")}
      chart={
        <BarChart
          label={`${t("funnel.title")}: ${STAGES.map((s) => `${t(`funnel.stages.${s}`)} ${total[s]}`).join(", ")}`}
          bars={STAGES.map((s) => ({ key: s, label: t(`funnel.stages.${s}`), value: total[s], display: formatNumber(locale, total[s]), tone: s === "needed" ? "slate" : "brand" }))}
        />
      }
      table={{
        headers: [t("funnel.need"), ...STAGES.map((s) => t(`funnel.stages.${s}`))],
        rows: [
          [t("funnel.total"), ...STAGES.map((s) => total[s])],
          ...k.funnel.needs.map((n) => [`${n.title}${n.priority ? ` · ${t(`priorities.${n.priority}`)}` : ""}`, ...STAGES.map((s) => n[s])]),
          ...(k.funnel.truncated ? [[t("funnel.truncated", { limit: KPI_FUNNEL_LIMIT }), "", "", "", "", ""]] : []),
        ],
      }}
    />
  );
}

export function ResponseFigure({ k, t, locale }: Ctx) {
  const dur = (s: number | null) => (s === null ? t("response.none") : formatDuration(locale, s));
  return (
    <ChartFigure
      testId="kpi-response"
      title={t("response.title")}
      description={t("response.description")}
      showTableLabel={t("panel.showTable")}
      chart={
        <BarChart
          label={t("response.title")}
          bars={k.responseTimes.map((r) => ({
            key: r.segment,
            label: t(`response.segments.${r.segment}`),
            value: r.medianSeconds ?? 0,
            display: `${dur(r.medianSeconds)} / ${dur(r.p90Seconds)}`,
          }))}
        />
      }
      table={{
        headers: [t("response.segment"), t("response.n"), t("response.median"), t("response.p90")],
        rows: k.responseTimes.map((r) => [t(`response.segments.${r.segment}`), r.n, dur(r.medianSeconds), dur(r.p90Seconds)]),
      }}
    />
  );
}

export function UnmetFigure({ k, t, locale }: Ctx) {
  if (k.unmetDemand.length === 0) {
    return (
      <section className="space-y-1" data-testid="kpi-unmet">
        <h3 className="text-sm font-semibold text-slate-900">{t("unmet.title")}</h3>
        <p className="text-sm text-slate-600">{t("unmet.empty")}</p>
      </section>
    );
  }
  const label = (r: TCommandKpis["unmetDemand"][number]) => `${localizedName(locale, r.typeNameZh, r.typeNameEn)} · ${t(`unmet.reasons.${r.reason}`)}`;
  return (
    <ChartFigure
      testId="kpi-unmet"
      title={t("unmet.title")}
      showTableLabel={t("panel.showTable")}
      chart={<BarChart label={t("unmet.title")} bars={k.unmetDemand.map((r, i) => ({ key: `${i}`, label: label(r), value: r.unitsShort, display: formatNumber(locale, r.unitsShort), tone: "amber" }))} />}
      table={{
        headers: [t("unmet.type"), t("unmet.reason"), t("unmet.needs"), t("unmet.unitsShort")],
        rows: k.unmetDemand.map((r) => [localizedName(locale, r.typeNameZh, r.typeNameEn), t(`unmet.reasons.${r.reason}`), r.needs, r.unitsShort]),
      }}
    />
  );
}

export function SupplierFigure({ k, t, locale }: Ctx) {
  const s = k.supplierResponses;
  const parts = [
    { key: "accepted", value: s.accepted, tone: "emerald" as const },
    { key: "declined", value: s.declined, tone: "red" as const },
    { key: "expired", value: s.expired, tone: "amber" as const },
    { key: "unanswered", value: s.unanswered, tone: "slate" as const },
  ];
  return (
    <div className="space-y-3" data-testid="kpi-suppliers">
      <ChartFigure
        title={t("suppliers.title")}
        description={`${t("suppliers.acceptanceRate")} ${pct(locale, s.acceptanceRate)} · ${t("suppliers.declineRate")} ${pct(locale, s.declineRate)}`}
        showTableLabel={t("panel.showTable")}
        chart={<BarChart label={t("suppliers.title")} max={s.offered} bars={parts.map((p) => ({ ...p, label: t(`suppliers.${p.key}`), display: formatNumber(locale, p.value) }))} />}
        table={{
          headers: [t("suppliers.offered"), t("suppliers.accepted"), t("suppliers.declined"), t("suppliers.expired"), t("suppliers.unanswered"), t("suppliers.acceptanceRate"), t("suppliers.declineRate")],
          rows: [[s.offered, s.accepted, s.declined, s.expired, s.unanswered, pct(locale, s.acceptanceRate), pct(locale, s.declineRate)]],
        }}
      />
      <div>
        <h4 className="text-xs font-semibold text-slate-700">{t("suppliers.reasons")}</h4>
        {s.reasons.length === 0 ? (
          <p className="text-xs text-slate-600">{t("suppliers.noReasons")}</p>
        ) : (
          <ul className="mt-1 space-y-0.5 text-xs text-slate-800">
            {s.reasons.map((r) => (
              <li key={r.reason} className="flex justify-between gap-2">
                <span>{r.reason || t("suppliers.noReason")}</span>
                <span className="tabular-nums">{formatNumber(locale, r.count)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** Districts drawn as lines (the busiest first); the table lists every district. */
const MAX_LINES = 8;

export function DutyFigure({ k, t, locale }: Ctx) {
  const points = k.knightsOnDuty.points;
  if (points.length === 0) {
    return (
      <section className="space-y-1" data-testid="kpi-duty">
        <h3 className="text-sm font-semibold text-slate-900">{t("duty.title")}</h3>
        <p className="text-sm text-slate-600">{t("duty.empty")}</p>
      </section>
    );
  }
  const byDistrict = new Map<string, LineSeries & { peak: number }>();
  for (const p of points) {
    const s = byDistrict.get(p.districtCode) ?? { key: p.districtCode, label: localizedName(locale, p.districtNameZh, p.districtNameEn), points: [], peak: 0 };
    s.points.push({ at: p.at, value: p.count });
    s.peak = Math.max(s.peak, p.count ?? 0);
    byDistrict.set(p.districtCode, s);
  }
  const series = [...byDistrict.values()].sort((a, b) => b.peak - a.peak);
  const show = (c: number | null) => (c === null ? t("duty.fewer") : formatNumber(locale, c));
  return (
    <ChartFigure
      testId="kpi-duty"
      title={t("duty.title")}
      description={t("duty.description")}
      showTableLabel={t("panel.showTable")}
      chart={<LineChart label={t("duty.title")} series={series.slice(0, MAX_LINES)} tickLabel={(d) => formatDateTime(locale, d)} />}
      table={{
        headers: [t("duty.district"), t("duty.time"), t("duty.count")],
        rows: points.map((p) => [localizedName(locale, p.districtNameZh, p.districtNameEn), formatDateTime(locale, p.at), show(p.count)]),
      }}
    />
  );
}

export function CommittedFigure({ k, t, locale }: Ctx) {
  return (
    <ChartFigure
      testId="kpi-committed"
      title={t("committed.title")}
      showTableLabel={t("panel.showTable")}
      chart={<BarChart label={t("committed.title")} bars={k.committedByCategory.map((c) => ({ key: c.category, label: t(`committed.categories.${c.category}`), value: c.units, display: `${formatNumber(locale, c.units)} (${formatNumber(locale, c.liveUnits)})` }))} />}
      table={{
        headers: [t("committed.category"), t("committed.assignments"), t("committed.units"), t("committed.liveUnits")],
        rows: k.committedByCategory.map((c) => [t(`committed.categories.${c.category}`), c.assignments, c.units, c.liveUnits]),
      }}
    />
  );
}
