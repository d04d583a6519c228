"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { cx } from "@/components/ui/cx";
import { CommandMap } from "@/components/command/command-map";
import { CommandAlerts, CommandIncidentList, CommandSummary } from "@/components/command/command-centre";
import { useCommandMap } from "@/components/command/use-command-map";

type Region = { code: string; nameZh: string; nameEn: string };

/**
 * Wall mode: full screen, large type, no interaction needed. Cycles through `regions` every `intervalSec`
 * seconds; each region's data stays live over the region topic while shown. The live connection reconnects by
 * itself after a network drop (resuming after the last event id); meanwhile a discreet badge says so.
 */
export function CommandWall({ regions, intervalSec, tileUrl, tileAttribution, exitHref }: {
  regions: Region[];
  intervalSec: number;
  tileUrl: string;
  tileAttribution?: string;
  exitHref: string;
}) {
  const t = useT("commandMap");
  const locale = useLocale();
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (regions.length < 2) return;
    const id = setInterval(() => setIndex((i) => (i + 1) % regions.length), intervalSec * 1000);
    return () => clearInterval(id);
  }, [regions.length, intervalSec]);
  const region = regions[index % regions.length]!;
  const next = regions.length > 1 ? regions[(index + 1) % regions.length]! : null;
  const { query, live } = useCommandMap(region.code);
  const data = query.data?.region.code === region.code ? query.data : undefined;
  const name = localizedName(locale, region.nameZh, region.nameEn);

  return (
    <div className="fixed inset-0 z-50 flex flex-col gap-4 overflow-hidden bg-slate-950 p-6 text-white" data-testid="command-wall" data-region={region.code} data-index={index}>
      <header className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-4xl font-bold tracking-tight">{t("wall.title", { region: name })}</h1>
        <div className="flex items-center gap-4 text-lg text-slate-300">
          {live === "reconnecting" || live === "connecting" ? (
            <span role="status" className="rounded-full bg-amber-500/20 px-3 py-1 text-base text-amber-200" data-testid="wall-reconnecting">{t("wall.reconnecting")}</span>
          ) : (
            <span role="status" className={cx("rounded-full px-3 py-1 text-base", live === "live" ? "bg-emerald-500/20 text-emerald-200" : "bg-slate-700 text-slate-200")}>{t("wall.live")}</span>
          )}
          {next ? <span data-testid="wall-next">{t("wall.next", { region: localizedName(locale, next.nameZh, next.nameEn) })}</span> : null}
          {regions.length > 1 ? <span>{t("wall.cycling", { seconds: intervalSec })}</span> : null}
          <Link href={exitHref} className="rounded-md border border-slate-600 px-3 py-1 text-base text-slate-200 hover:bg-slate-800">{t("page.deskLink")}</Link>
        </div>
      </header>
      {data ? (
        <>
          <CommandSummary data={data} wall />
          <div className="grid min-h-0 flex-1 gap-6 lg:grid-cols-4">
            <div className="min-h-[320px] lg:col-span-3">
              <CommandMap data={data} tileUrl={tileUrl} tileAttribution={tileAttribution} wall label={t("map.label", { region: name })} />
            </div>
            <div className="space-y-6 overflow-hidden">
              <CommandAlerts data={data} wall />
              <CommandIncidentList data={data} wall />
            </div>
          </div>
        </>
      ) : (
        <p role="status" className="text-2xl text-slate-300">{query.isError ? t("page.error") : t("page.loading")}</p>
      )}
    </div>
  );
}
