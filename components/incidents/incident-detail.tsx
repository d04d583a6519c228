"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { polygonToRings } from "@/components/incidents/area-geojson";
import { IncidentAssignments, LIFECYCLE_POLL_MS } from "@/components/incidents/incident-assignments";
import { IncidentMap } from "@/components/incidents/incident-map";
import { IncidentStatusActions } from "@/components/incidents/incident-status-actions";
import { IncidentTimeline } from "@/components/incidents/incident-timeline";
import { MatchingPanel } from "@/components/incidents/matching-panel";
import { IncidentReplay } from "@/components/command/incident-replay";
import { HazardZonesPanel } from "@/components/dispatch/hazard-zones-panel";
import { KnightDispatchCard } from "@/components/dispatch/knight-dispatch-card";
import { useHazardZones } from "@/components/dispatch/use-hazard-zones";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/severity-badge";
import { NeedForm } from "@/components/needs/need-form";
import { NeedsTable } from "@/components/needs/needs-table";
import { Button, ButtonLink } from "@/components/ui/button";
import { localeHref, paths } from "@/components/layout/routes";
import { incidentReportPath } from "@/components/command/aar/aar-paths";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The incident page body. Reads incident.get from the query cache (prefetched by the server page), so
 * every action's invalidation redraws the badges, bars, map and timeline from fresh data.
 */
export function IncidentDetail({ id, tileUrl, tileAttribution, canReadCostReport = false }: { id: string; tileUrl: string; tileAttribution?: string; canReadCostReport?: boolean }) {
  const t = useT("incidents");
  const tComp = useT("compensation");
  const tAar = useT("aar");
  const locale = useLocale();
  const trpc = useTRPC();
  const [adding, setAdding] = useState(false);
  // supplier-reported progress (committed, en route, on scene …) shows without a reload: IncidentAssignments
  // re-reads this on each live offer event; the slow poll is the fallback and catches other editors' changes
  const { data } = useQuery({ ...trpc.incident.get.queryOptions({ id }), refetchInterval: LIFECYCLE_POLL_MS });
  const hz = useHazardZones(id);
  if (!data) return null;
  const { incident, needs, timeline, timelineTruncated } = data;
  const openNeeds = needs.filter((n) => n.status === "OPEN" || n.status === "PARTIALLY_FILLED").length;
  const staging = needs
    .filter((n) => n.status !== "CANCELLED")
    .map((n) => ({ id: n.id, lat: n.stagingLat, lng: n.stagingLng, label: n.title }));
  const meta = (label: string, value: string | null) =>
    value ? (
      <div>
        <dt className="text-xs text-slate-500">{label}</dt>
        <dd className="text-sm text-slate-900">{value}</dd>
      </div>
    ) : null;

  return (
    <div className="space-y-6" data-testid="incident-page" data-incident-id={incident.id} data-status={incident.status}>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={incident.severity} label={t(`severity.${incident.severity}`)} />
            <IncidentStatusBadge status={incident.status} label={t(`status.${incident.status}`)} />
            <span className="text-sm text-slate-600">{t(`kinds.${incident.kind}`)}</span>
          </div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl" data-testid="incident-title">
            {incident.title}
          </h1>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-3">
            {meta(t("detail.region"), localizedName(locale, incident.regionName.zh, incident.regionName.en))}
            {meta(t("detail.address"), incident.address)}
            {meta(t("detail.started"), formatDateTime(locale, incident.startedAt))}
            {meta(t("detail.closed"), incident.closedAt ? formatDateTime(locale, incident.closedAt) : null)}
          </dl>
          {incident.description ? <p className="max-w-3xl whitespace-pre-line text-sm text-slate-700">{incident.description}</p> : null}
          <ButtonLink href={localeHref(locale, incidentReportPath(incident.id))} variant="outline" size="sm" data-testid="incident-report-link">
            {tAar("link")}
          </ButtonLink>
          {canReadCostReport ? (
            <ButtonLink href={localeHref(locale, paths.costReport(incident.id))} variant="outline" size="sm" className="ml-2" data-testid="incident-cost-report-link">
              {tComp("meta.report")}
            </ButtonLink>
          ) : null}
        </div>
        {incident.canEdit ? <IncidentStatusActions id={incident.id} status={incident.status} openNeeds={openNeeds} /> : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader
              title={t("detail.needsTitle")}
              action={
                incident.canEdit && incident.status !== "CLOSED" ? (
                  <Button size="sm" variant={adding ? "ghost" : "primary"} onClick={() => setAdding((a) => !a)} aria-expanded={adding} data-testid="add-need">
                    {t("detail.addNeed")}
                  </Button>
                ) : null
              }
            />
            {adding ? (
              <CardBody className="border-b border-slate-100 bg-slate-50/60">
                <NeedForm incident={incident} tileUrl={tileUrl} tileAttribution={tileAttribution} onDone={() => setAdding(false)} onCancel={() => setAdding(false)} />
              </CardBody>
            ) : null}
            {needs.length === 0 ? (
              <CardBody>
                <EmptyState title={t("detail.needsEmptyTitle")} description={t("detail.needsEmptyBody")} data-testid="needs-empty" />
              </CardBody>
            ) : (
              <NeedsTable needs={needs} canEdit={incident.canEdit} canApprove={incident.canApprove} />
            )}
          </Card>
          <IncidentAssignments incidentId={incident.id} needs={needs} />
          <MatchingPanel incidentId={incident.id} center={{ lat: incident.lat, lng: incident.lng }} canPropose={incident.canApprove} tileUrl={tileUrl} tileAttribution={tileAttribution} />
          {needs
            .filter((n) => n.category === "KNIGHT" && n.status !== "DRAFT" && n.status !== "CANCELLED")
            .map((n) => (
              <KnightDispatchCard key={n.id} need={n} canDispatch={incident.canEdit} tileUrl={tileUrl} tileAttribution={tileAttribution} />
            ))}
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title={t("detail.mapTitle")} description={t("detail.mapLegend")} headingLevel={3} />
            <CardBody>
              <IncidentMap
                label={t("detail.mapTitle")}
                location={{ lat: incident.lat, lng: incident.lng }}
                areas={polygonToRings(incident.area)}
                hazards={hz.activeRings}
                draft={hz.drawing ? hz.corners : undefined}
                onMapClick={hz.addCorner}
                points={staging}
                tileUrl={tileUrl}
                tileAttribution={tileAttribution}
                height={300}
              />
            </CardBody>
          </Card>
          <HazardZonesPanel hz={hz} canEdit={incident.canEdit && incident.status !== "CLOSED"} />
          <Card data-testid="incident-people">
            <CardHeader title={t("detail.peopleTitle")} headingLevel={3} />
            <CardBody className="space-y-3 text-sm">
              <div>
                <p className="text-slate-500">{t("detail.commander")}</p>
                <p className="mt-1 text-slate-900">{incident.commander?.name ?? t("detail.noCommander")}</p>
              </div>
              <div>
                <p className="text-slate-500">{t("detail.organizations")}</p>
                {incident.organizations.length ? (
                  <ul className="mt-1 space-y-1">
                    {incident.organizations.map((o) => (
                      <li key={o.id} className="flex justify-between gap-2">
                        <span className="text-slate-900">{localizedName(locale, o.name, o.nameEn)}</span>
                        <span className="text-xs text-slate-500">{o.role}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1 text-slate-600">{t("detail.noOrganizations")}</p>
                )}
              </div>
            </CardBody>
          </Card>
          <Card>
            <CardHeader title={t("detail.timelineTitle")} headingLevel={3} />
            <CardBody>
              <IncidentTimeline entries={timeline} truncated={timelineTruncated} />
            </CardBody>
          </Card>
          <IncidentReplay incidentId={id} />
        </div>
      </div>
    </div>
  );
}
