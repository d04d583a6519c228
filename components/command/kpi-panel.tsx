"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { useTRPC } from "@/lib/trpc/react";
import { KPI_PRESET_HOURS, KPI_RANGE_PRESETS, type TKpiRangePreset } from "@/lib/schemas/command-kpis";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CommittedFigure, DutyFigure, FunnelFigure, OpenNeedsFigure, ResponseFigure, SupplierFigure, UnmetFigure } from "@/components/command/kpi-sections";

/** The range ends at the current minute, so the query key (and the server's work) is stable within a minute. */
function rangeFor(preset: TKpiRangePreset, now = Date.now()) {
  const to = new Date(Math.ceil(now / 60_000) * 60_000);
  return { from: new Date(to.getTime() - KPI_PRESET_HOURS[preset] * 3_600_000), to };
}

/** Refreshed once a minute; the figures are aggregates, the live map carries the second-by-second changes. */
const REFRESH_MS = 60_000;

/**
 * The command centre's KPI panel: a region picker (the regions the caller may open) and a period picker, and
 * the figures as SVG charts, each with its table. Placed into the command page's KPI slot.
 */
export function KpiPanel({ regionCode: initialRegion, onRegionChange }: { regionCode: string; onRegionChange?: (code: string) => void }) {
  const t = useT("commandKpis");
  const locale = useLocale();
  const trpc = useTRPC();
  const ids = { region: useId(), range: useId() };
  const [regionCode, setRegionCode] = useState(initialRegion);
  const [preset, setPreset] = useState<TKpiRangePreset>("24h");
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((x) => x + 1), REFRESH_MS);
    return () => clearInterval(id);
  }, []);
  // A new minute moves the range, hence the query key: the figures refresh with it.
  const range = useMemo(() => rangeFor(preset), [preset, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  const regions = useQuery(trpc.commandMap.regions.queryOptions());
  const kpis = useQuery({ ...trpc.command.kpis.queryOptions({ regionCode, ...range }), placeholderData: (prev) => prev });
  const k = kpis.data;
  const ctx = k ? { k, t, locale } : null;
  const nothingPosted = k ? k.openNeeds.every((p) => p.posted === 0) : false;
  return (
    <Card data-testid="kpi-panel">
      <CardHeader title={t("panel.title")} description={t("panel.description")} headingLevel={3} />
      <CardBody className="space-y-6">
        <div className="flex flex-wrap items-end gap-4">
          <div className="flex flex-col gap-1 text-sm">
            <label htmlFor={ids.region} className="text-slate-700">{t("panel.region")}</label>
            <select
              id={ids.region}
              className="h-10 rounded-lg border border-slate-300 bg-white px-3 text-sm"
              value={regionCode}
              data-testid="kpi-region"
              onChange={(e) => {
                setRegionCode(e.target.value);
                onRegionChange?.(e.target.value);
              }}
            >
              {(regions.data ?? [{ code: regionCode, nameZh: regionCode, nameEn: regionCode }]).map((r) => (
                <option key={r.code} value={r.code}>{localizedName(locale, r.nameZh, r.nameEn)}</option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1 text-sm">
            <label htmlFor={ids.range} className="text-slate-700">{t("panel.range")}</label>
            <select id={ids.range} className="h-10 rounded-lg border border-slate-300 bg-white px-3 text-sm" value={preset} data-testid="kpi-range" onChange={(e) => setPreset(e.target.value as TKpiRangePreset)}>
              {KPI_RANGE_PRESETS.map((p) => (
                <option key={p} value={p}>{t(`panel.ranges.${p}`)}</option>
              ))}
            </select>
          </div>
          {kpis.isFetching ? <p className="text-xs text-slate-600" role="status">{t("panel.loading")}</p> : null}
        </div>
        {kpis.error ? (
          <p role="alert" className="text-sm text-red-700" data-testid="kpi-error">
            {kpis.error.data?.code === "FORBIDDEN" ? t("panel.forbidden") : t("panel.error")}
          </p>
        ) : null}
        {!ctx ? (
          kpis.isLoading ? <p className="text-sm text-slate-600">{t("panel.loading")}</p> : null
        ) : (
          <>
            {nothingPosted ? <EmptyState title={t("panel.empty")} data-testid="kpi-empty" /> : null}
            <div className="grid gap-6 lg:grid-cols-2">
              <OpenNeedsFigure {...ctx} />
              <FunnelFigure {...ctx} />
              <ResponseFigure {...ctx} />
              <UnmetFigure {...ctx} />
              <SupplierFigure {...ctx} />
              <CommittedFigure {...ctx} />
              <div className="lg:col-span-2">
                <DutyFigure {...ctx} />
              </div>
            </div>
          </>
        )}
      </CardBody>
    </Card>
  );
}
