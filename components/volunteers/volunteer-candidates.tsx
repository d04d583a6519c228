"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useLiveEvents } from "@/lib/live/use-live-events";
import { useId } from "react";
import { formatDateTime } from "@/lib/i18n/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrorsOf } from "@/components/needs/use-incident-refresh";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

const KNOWN = new Set(["errors.resourceIneligible", "errors.resourceNoFreeUnit"]);

/** One line saying a candidate was volunteered (the badge and why it is listed); shared by the panel and the swap list. */
export function VolunteeredLine({ at }: { at: Date | string }) {
  const t = useT("volunteers");
  const locale = useLocale();
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-slate-700" data-testid="volunteered-line">
      <Badge tone="success">{t("panel.badge")}</Badge>
      <span>{t("panel.line", { time: formatDateTime(locale, at) })}</span>
    </p>
  );
}

/**
 * The matching panel's "volunteered listings": suppliers' offers to help on the incident's open needs, each
 * re-checked now; "add to proposal" makes a PROPOSED row (re-checked again on the server), offered as usual.
 */
export function VolunteerCandidates({ incidentId, disabled, onChanged }: { incidentId: string; disabled: boolean; onChanged: () => void }) {
  const t = useT("volunteers");
  const tm = useT("matching");
  const locale = useLocale();
  const trpc = useTRPC();
  const headingId = useId();
  const list = useQuery({ ...trpc.volunteer.forIncident.queryOptions({ incidentId }), retry: false });
  const propose = useMutation(trpc.volunteer.propose.mutationOptions());
  // a supplier's offer (or withdrawal) reaches the panel live; polling is not needed for it
  useLiveEvents(list.isSuccess ? [`incident:${incidentId}`] : null, (e) => {
    if (e.kind === "volunteer.updated" || e.kind === "live.reset") void list.refetch();
  });
  if (!list.data || list.data.length === 0) return null;
  const key = fieldErrorsOf(propose.error)?.resourceId?.[0];
  const error = propose.error ? (key && KNOWN.has(key) ? tm(key as "errors.resourceIneligible") : t("errors.failed", { message: errorMessage(propose.error) })) : null;

  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50/40 p-3" data-testid="volunteer-candidates">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">{t("panel.title")}</h3>
      <p className="text-xs text-slate-600">{t("panel.description")}</p>
      {error ? <p role="alert" className="rounded bg-red-50 px-2 py-1 text-sm text-red-800" data-testid="volunteer-error">{error}</p> : null}
      {propose.isSuccess ? <p role="status" className="text-sm text-emerald-900">{t("panel.proposed")}</p> : null}
      <ul className="space-y-2">
        {list.data.map((v) => {
          const title = localizedName(locale, v.resourceTitle, v.resourceTitleEn);
          return (
            <li key={v.id} className="rounded-md border border-slate-200 bg-white p-2 text-sm" data-testid="volunteer-candidate" data-resource-id={v.resourceId} data-need-id={v.needId}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0 space-y-0.5">
                  <p className="font-medium text-slate-900">{title} → {v.needTitle}</p>
                  <p className="text-xs text-slate-600">
                    {v.supplierName ? t("panel.supplier", { name: localizedName(locale, v.supplierName, v.supplierNameEn) }) : t("panel.individual")} ·{" "}
                    <span className={v.eligible ? "text-emerald-800" : "text-red-700"}>{v.eligible ? t("panel.eligible") : t("panel.ineligible")}</span>
                    {v.inUse ? ` · ${t("panel.inUse")}` : ""}
                  </p>
                  <VolunteeredLine at={v.createdAt} />
                </div>
                {v.eligible && !v.inUse ? (
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={disabled || propose.isPending}
                    aria-label={t("panel.proposeLabel", { title, need: v.needTitle })}
                    onClick={() => propose.mutate({ id: v.id }, { onSuccess: () => { void list.refetch(); onChanged(); } })}
                    data-testid="volunteer-propose"
                  >
                    {propose.isPending && propose.variables?.id === v.id ? t("panel.proposing") : t("panel.propose")}
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
