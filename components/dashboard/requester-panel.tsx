import Link from "next/link";
import type { Locale } from "@/lib/i18n/config";
import { formatDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TRequesterSummary } from "@/lib/schemas/dashboard";
import { OrgStatus } from "@/components/dashboard/org-status";
import { RolePanel } from "@/components/dashboard/role-panel";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Stat } from "@/components/ui/stat";
import { localeHref, paths } from "@/components/layout/routes";
import { incidentPath } from "@/components/incidents/incident-view";
import { ButtonLink } from "@/components/ui/button";

const SEVERITY_TONE: Record<"I" | "II" | "III" | "IV", BadgeTone> = { I: "danger", II: "brand", III: "warning", IV: "info" };

export async function RequesterPanel({ locale, data }: { locale: Locale; data: TRequesterSummary }) {
  const t = await getT(locale, "dashboard");
  const tc = await getT(locale, "common");
  const canPost = data.orgs.some((o) => o.verification === "VERIFIED");
  const n = (v: number) => formatNumber(locale, v);
  return (
    <RolePanel
      id="requester"
      title={t("requester.title")}
      testId="dashboard-requester"
      actions={
        canPost ? (
          <ButtonLink href={localeHref(locale, paths.newIncident)} size="sm" data-testid="dashboard-new-incident">
            {t("requester.postIncident")}
          </ButtonLink>
        ) : null
      }
    >
      <OrgStatus locale={locale} orgs={data.orgs} />
      {data.orgs.length > 0 ? (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <Stat label={t("requester.activeIncidents")} value={n(data.activeIncidents)} data-testid="stat-active-incidents" />
            <Stat label={t("requester.openNeeds")} value={n(data.openNeeds)} emphasis={data.openNeeds > 0} data-testid="stat-open-needs" />
            <Stat label={t("requester.awaitingApproval")} value={n(data.needsAwaitingApproval)} data-testid="stat-needs-awaiting-approval" />
          </div>
          <Card>
            <CardBody>
              <ProgressBar
                label={t("requester.fillRate")}
                value={data.quantityFilled}
                max={data.quantityNeeded}
                valueText={
                  data.fillRate === null
                    ? t("requester.fillRateNone")
                    : t("requester.fillRateValue", {
                        filled: n(data.quantityFilled),
                        needed: n(data.quantityNeeded),
                        percent: formatPercent(locale, data.fillRate),
                      })
                }
              />
            </CardBody>
          </Card>
          {data.recentIncidents.length > 0 ? (
            <Card>
              <CardHeader
                title={t("requester.recentTitle")}
                headingLevel={3}
                action={
                  <Link href={localeHref(locale, paths.incidents)} className="text-sm font-medium text-brand-700 hover:underline">
                    {t("requester.allIncidents")}
                  </Link>
                }
              />
              <ul className="divide-y divide-slate-100" data-testid="recent-incidents">
                {data.recentIncidents.map((i) => (
                  <li key={i.id} className="flex flex-col gap-1 px-5 py-3 sm:flex-row sm:items-center sm:justify-between">
                    <span className="flex min-w-0 items-center gap-2">
                      <Badge tone={SEVERITY_TONE[i.severity]}>{tc(`severity.${i.severity}`)}</Badge>
                      <Link href={localeHref(locale, incidentPath(i.id))} className="truncate font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {i.title}
                      </Link>
                    </span>
                    <span className="flex shrink-0 items-center gap-3 text-sm text-slate-600">
                      <span>{localizedName(locale, i.region.nameZh, i.region.nameEn)}</span>
                      <span aria-hidden="true">·</span>
                      <span>{formatDate(locale, i.startedAt)}</span>
                      <span aria-hidden="true">·</span>
                      <span className={i.openNeeds > 0 ? "font-medium text-brand-700" : undefined}>
                        {t("requester.incidentNeeds", { count: n(i.openNeeds) })}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : (
            <EmptyState
              title={t("requester.emptyTitle")}
              description={canPost ? t("requester.emptyBody") : t("requester.emptyBodyUnverified")}
              action={canPost ? { href: localeHref(locale, paths.newIncident), label: t("requester.postIncident") } : undefined}
              data-testid="requester-empty"
            />
          )}
        </>
      ) : null}
    </RolePanel>
  );
}
