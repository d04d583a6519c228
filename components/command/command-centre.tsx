"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TCommandMapDto } from "@/lib/schemas/command-map";
import { localeHref, paths } from "@/components/layout/routes";
import { LiveIndicator } from "@/components/live/live-indicator";
import { cx } from "@/components/ui/cx";
import { CommandMap } from "@/components/command/command-map";
import { commandPaths, SEVERITY_COLOUR } from "@/components/command/command-map-view";
import { useCommandMap } from "@/components/command/use-command-map";
import { incidentReportPath } from "@/components/command/aar/aar-paths";

type Props = {
  regionCode: string;
  tileUrl: string;
  tileAttribution?: string;
  /** The KPI panel (components/command/kpi-panel.tsx, wired by the page); null in wall mode. */
  kpiSlot?: ReactNode;
};

/** Headline counts from the map data (the KPI panel has the analysed figures). */
function Summary({ data, wall }: { data: TCommandMapDto; wall?: boolean }) {
  const t = useT("commandMap");
  const locale = useLocale();
  const knights = data.knights.reduce((s, k) => s + (k.count ?? 0), 0);
  const small = data.knights.some((k) => k.count === null);
  const items = [
    { key: "incidents", value: formatNumber(locale, data.incidents.length) },
    { key: "needsOpen", value: formatNumber(locale, data.needs.filter((n) => n.band !== "FILLED").length) },
    { key: "moving", value: formatNumber(locale, data.movements.length) },
    { key: "available", value: formatNumber(locale, data.available.reduce((s, c) => s + c.total, 0)) },
    { key: "knights", value: `${formatNumber(locale, knights)}${small ? "+" : ""}` },
    { key: "alerts", value: formatNumber(locale, data.alerts.length) },
  ] as const;
  return (
    <dl className={cx("grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6", wall && "gap-4")} data-testid="command-summary">
      {items.map((i) => (
        <div key={i.key} className={cx("rounded-lg border px-4 py-3", wall ? "border-slate-700 bg-slate-900" : "border-slate-200 bg-white")}>
          <dt className={cx("font-medium", wall ? "text-lg text-slate-300" : "text-sm text-slate-600")}>{t(`summary.${i.key}`)}</dt>
          <dd className={cx("font-semibold tabular-nums", wall ? "text-5xl text-white" : "text-2xl text-slate-900")} data-testid={`command-summary-${i.key}`}>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Alerts({ data, wall }: { data: TCommandMapDto; wall?: boolean }) {
  const t = useT("commandMap");
  const locale = useLocale();
  return (
    <section aria-labelledby="command-alerts-h" className="space-y-2">
      <h2 id="command-alerts-h" className={cx("font-semibold", wall ? "text-2xl text-white" : "text-base text-slate-900")}>{t("lists.alerts")}</h2>
      {data.alerts.length === 0 ? (
        <p className={wall ? "text-lg text-slate-300" : "text-sm text-slate-600"}>{t("lists.alertsEmpty")}</p>
      ) : (
        <ul className="space-y-2" data-testid="command-alerts">
          {data.alerts.slice(0, wall ? 4 : 10).map((a) => (
            <li key={a.id} role="alert" className={cx("rounded-lg border px-3 py-2", wall ? "border-purple-400 bg-purple-950 text-lg text-purple-100" : "border-purple-300 bg-purple-50 text-sm text-purple-900")}>
              <p>{t("lists.alert", { zone: a.zoneName, tasks: a.knightTasks, staging: a.stagingPoints, resources: a.resources })}</p>
              <p className="opacity-80">{formatDateTime(locale, a.at)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function IncidentList({ data, wall }: { data: TCommandMapDto; wall?: boolean }) {
  const t = useT("commandMap");
  const tAar = useT("aar");
  const locale = useLocale();
  return (
    <section aria-labelledby="command-incidents-h" className="space-y-2">
      <h2 id="command-incidents-h" className={cx("font-semibold", wall ? "text-2xl text-white" : "text-base text-slate-900")}>{t("lists.incidents")}</h2>
      {data.incidents.length === 0 ? (
        <p className={wall ? "text-lg text-slate-300" : "text-sm text-slate-600"} data-testid="command-incidents-empty">{t("lists.incidentsEmpty")}</p>
      ) : (
        <ul className="space-y-1.5" data-testid="command-incidents">
          {data.incidents.slice(0, wall ? 6 : 50).map((i) => (
            <li key={i.id} className="flex items-center gap-2">
              <span aria-hidden className="inline-block size-3 shrink-0 rounded-full" style={{ backgroundColor: SEVERITY_COLOUR[i.severity] }} />
              {wall ? (
                <span className="truncate text-xl text-white">{i.title}</span>
              ) : (
                <Link href={localeHref(locale, commandPaths.incident(i.id))} className="truncate text-sm font-medium text-brand-700 underline-offset-2 hover:underline">{i.title}</Link>
              )}
              <span className={cx("shrink-0", wall ? "text-base text-slate-300" : "text-xs text-slate-500")}>{t(`severity.${i.severity}`)}</span>
              {wall ? null : (
                <Link href={localeHref(locale, incidentReportPath(i.id))} className="ml-auto shrink-0 text-xs text-brand-700 underline" data-testid="command-incident-report">{tAar("link")}</Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Legend() {
  const t = useT("commandMap");
  const keys = ["incident", "area", "staging", "movement", "available", "knights", "hazard", "boundary"] as const;
  return (
    <details className="text-sm text-slate-700">
      <summary className="cursor-pointer font-medium">{t("layers.legend")}</summary>
      <ul className="mt-2 space-y-1">
        {keys.map((k) => <li key={k}>{t(`layers.${k}`)}</li>)}
        {(["UNFILLED", "PARTIAL", "FILLED"] as const).map((b) => <li key={b}>{t("layers.staging")}: {t(`fill.${b}`)}</li>)}
      </ul>
    </details>
  );
}

/** The desk view of one region's command centre: map, headline counts, KPI slot, alerts, incidents. */
export function CommandCentre({ regionCode, tileUrl, tileAttribution, kpiSlot }: Props) {
  const t = useT("commandMap");
  const locale = useLocale();
  const { query, live } = useCommandMap(regionCode);
  const data = query.data;
  if (!data) {
    return <p role="status" className="text-sm text-slate-600" data-testid="command-loading">{query.isError ? t("page.error") : t("page.loading")}</p>;
  }
  const name = localizedName(locale, data.region.nameZh, data.region.nameEn);
  return (
    <div className="space-y-6" data-testid="command-centre" data-region={data.region.code}>
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("page.title")}</h1>
          <p className="text-sm text-slate-600">{t("page.subtitle", { region: name })}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <LiveIndicator state={live} />
          <span className="text-xs text-slate-500">{t("page.updated", { time: formatDateTime(locale, data.generatedAt) })}</span>
          <Link href={`${localeHref(locale, commandPaths.region(data.region.code))}?wall=1`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50" data-testid="command-wall-link">
            {t("page.wallLink")}
          </Link>
        </div>
      </header>
      <Summary data={data} />
      {/* KPI panel slot: the page passes components/command/kpi-panel.tsx here (issue 16, item 2). */}
      <section aria-labelledby="command-kpi-h" data-testid="command-kpi-slot" className="space-y-2">
        <h2 id="command-kpi-h" className="text-base font-semibold text-slate-900">{t("page.kpiHeading")}</h2>
        {kpiSlot}
      </section>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="h-[60vh] min-h-[420px] lg:col-span-2">
          <CommandMap data={data} tileUrl={tileUrl} tileAttribution={tileAttribution} label={t("map.label", { region: name })} />
        </div>
        <div className="space-y-6">
          <Alerts data={data} />
          <IncidentList data={data} />
          {data.children.length > 0 ? (
            <nav aria-labelledby="command-sub-h" className="space-y-2">
              <h2 id="command-sub-h" className="text-base font-semibold text-slate-900">{t("lists.subregions")}</h2>
              <ul className="flex flex-wrap gap-2">
                {data.children.map((c) => (
                  <li key={c.code}>
                    <Link href={localeHref(locale, commandPaths.region(c.code))} className="inline-block rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-800 hover:bg-slate-50">
                      {localizedName(locale, c.nameZh, c.nameEn)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {data.region.parentCode ? (
            <Link href={localeHref(locale, commandPaths.region(data.region.parentCode))} className="text-sm font-medium text-brand-700 underline">{t("lists.parent")}</Link>
          ) : (
            <Link href={localeHref(locale, paths.commandWall)} className="text-sm font-medium text-brand-700 underline">{t("meta.wallTitle")}</Link>
          )}
          <Legend />
        </div>
      </div>
    </div>
  );
}

export { Summary as CommandSummary, Alerts as CommandAlerts, IncidentList as CommandIncidentList };
