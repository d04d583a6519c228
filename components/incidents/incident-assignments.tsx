"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { formatDateTime } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import { useLocale, useT } from "@/lib/i18n/client";
import { useLiveEvents } from "@/lib/live/use-live-events";
import { RESOURCE_OFFER_EVENT } from "@/lib/schemas/live";
import { useTRPC } from "@/lib/trpc/react";
import type { TIncidentAssignment } from "@/lib/schemas/matching-assign";
import type { TNeedDto } from "@/lib/schemas/needs";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { localeHref, paths } from "@/components/layout/routes";

/** How often the lifecycle view re-reads anyway: the fallback, as offer changes arrive as live events. */
export const LIFECYCLE_POLL_MS = 60_000;

const TONE: Record<string, BadgeTone> = {
  OFFERED: "info", ACCEPTED: "brand", MOBILIZED: "brand", EN_ROUTE: "warning", ON_SCENE: "success",
  COMPLETED: "success", RELEASED: "neutral", DECLINED: "danger", EXPIRED: "neutral", CANCELLED: "neutral",
};

/**
 * The incident's dispatch progress: per need, its committed / en route / on scene / released quantities and
 * every offered or booked resource with the status its supplier reported. Follows the incident's live topic:
 * each resource-offer change re-reads this list and the incident (its fill bars); slow polling is the fallback.
 */
export function IncidentAssignments({ incidentId, needs }: { incidentId: string; needs: TNeedDto[] }) {
  const t = useT("matching");
  const tComp = useT("compensation");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const q = useQuery({ ...trpc.matchAssign.assignments.queryOptions({ incidentId }), refetchInterval: LIFECYCLE_POLL_MS, retry: false });
  const live = useLiveEvents(q.isSuccess ? [`incident:${incidentId}`] : null, (e) => {
    if (e.kind !== RESOURCE_OFFER_EVENT && e.kind !== "live.reset") return;
    void queryClient.invalidateQueries(trpc.matchAssign.assignments.queryFilter({ incidentId }));
    void queryClient.invalidateQueries(trpc.incident.get.queryFilter({ id: incidentId }));
  });
  if (q.isError || !q.data) return null;
  const byNeed = new Map<string, TIncidentAssignment[]>();
  for (const a of q.data) byNeed.set(a.needId, [...(byNeed.get(a.needId) ?? []), a]);
  const shown = needs.filter((n) => byNeed.has(n.id));

  return (
    <Card data-testid="incident-assignments" data-live={live.state}>
      <CardHeader title={t("lifecycle.title")} description={t("lifecycle.description")} />
      <CardBody>
        {shown.length === 0 ? (
          <EmptyState title={t("lifecycle.emptyTitle")} description={t("lifecycle.emptyBody")} data-testid="lifecycle-empty" />
        ) : (
          <ul className="divide-y divide-slate-100">
            {shown.map((n) => (
              <li key={n.id} className="space-y-2 py-3" data-testid="lifecycle-need" data-need-id={n.id}>
                <div>
                  <p className="font-medium text-slate-900">{n.title}</p>
                  <p className="text-xs text-slate-600" data-testid="lifecycle-quantities">
                    {t("lifecycle.committed", { committed: n.committed, enRoute: n.enRoute, onScene: n.onScene, released: n.released, quantity: n.requested, unit: n.unit })}
                  </p>
                </div>
                <ul className="space-y-1.5">
                  {byNeed.get(n.id)!.map((a) => (
                    <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="lifecycle-assignment" data-assignment-id={a.id} data-status={a.status}>
                      <div className="min-w-0">
                        <p className="text-slate-900">
                          {a.resourceTitle ? localizedName(locale, a.resourceTitle, a.resourceTitleEn) : t("lifecycle.knight")}
                          <span className="text-slate-500"> · {t("lifecycle.quantity", { n: a.quantity })}</span>
                        </p>
                        <p className="text-xs text-slate-600">
                          {a.supplierName ? `${localizedName(locale, a.supplierName, a.supplierNameEn)} · ` : ""}
                          {a.holdExpiresAt ? t("lifecycle.holdUntil", { time: formatDateTime(locale, a.holdExpiresAt) }) : t("lifecycle.updated", { time: formatDateTime(locale, a.updatedAt) })}
                        </p>
                        {a.declineReason ? <p className="text-xs text-red-700">{t("lifecycle.declined", { reason: a.declineReason })}</p> : null}
                        {a.requisitionNumber ? (
                          <a className="text-xs text-sky-700 underline" href={localeHref(locale, paths.requisition(a.id))} data-testid="lifecycle-requisition-link">
                            {tComp("meta.requisition")} · {a.requisitionNumber}
                          </a>
                        ) : null}
                      </div>
                      <Badge tone={TONE[a.status] ?? "neutral"} data-testid="lifecycle-status">
                        {t(`lifecycle.status.${a.status}` as "lifecycle.status.OFFERED")}
                      </Badge>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
