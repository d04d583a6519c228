import Link from "next/link";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TIncidentListItem } from "@/lib/schemas/incidents";
import { localeHref } from "@/components/layout/routes";
import { incidentPath } from "@/components/incidents/incident-view";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/severity-badge";
import { percentOf } from "@/components/needs/need-view";
import { ProgressBar } from "@/components/ui/progress-bar";

/** Incidents as cards (one column on phones, two on wide screens), each linking to its page. */
export async function IncidentList({ locale, items }: { locale: Locale; items: TIncidentListItem[] }) {
  const t = await getT(locale, "incidents");
  const n = (v: number) => formatNumber(locale, v);
  return (
    <ul className="grid gap-4 lg:grid-cols-2" aria-label={t("list.caption")} data-testid="incident-list">
      {items.map((i) => {
        const pct = percentOf(i.fill.committed, i.fill.requested);
        return (
          <li key={i.id} data-testid="incident-row" data-incident-id={i.id}>
            <Link
              href={localeHref(locale, incidentPath(i.id))}
              className="block h-full rounded-[var(--radius-card)] border border-slate-200 bg-white p-5 shadow-[var(--shadow-card)] transition-colors hover:border-brand-300 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              <div className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={i.severity} label={t(`severity.${i.severity}`)} />
                <IncidentStatusBadge status={i.status} label={t(`status.${i.status}`)} />
                <span className="text-xs text-slate-500">{t(`kinds.${i.kind}`)}</span>
              </div>
              <p className="mt-2 truncate text-base font-semibold text-slate-900">{i.title}</p>
              <p className="mt-1 truncate text-sm text-slate-600">
                {localizedName(locale, i.regionName.zh, i.regionName.en)} · {i.address}
              </p>
              <p className="mt-1 text-xs text-slate-500">{t("list.started", { date: formatDate(locale, i.startedAt) })}</p>
              <ProgressBar
                className="mt-4"
                label={i.needsTotal > 0 ? t("list.needsOpen", { open: n(i.needsOpen), total: n(i.needsTotal) }) : t("list.fillNone")}
                value={pct}
                valueText={i.needsTotal > 0 ? t("list.fill", { percent: formatPercent(locale, pct / 100) }) : undefined}
              />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
