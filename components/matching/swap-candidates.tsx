"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDuration } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrorsOf } from "@/components/needs/use-incident-refresh";
import { Button } from "@/components/ui/button";
import { VolunteeredLine } from "@/components/volunteers/volunteer-candidates";

/** Field-error keys the swap can come back with (lib/i18n/messages/matching.ts `errors`). */
const KNOWN_ERRORS = new Set(["errors.resourceIneligible", "errors.resourceNoFreeUnit"]);

/**
 * The need's ranked candidates (match.candidates) with their explanations; picking one swaps it into the
 * proposal row (matchAssign.replace, which re-checks eligibility on the server).
 */
export function SwapCandidates(props: {
  assignmentId: string;
  needId: string;
  title: string;
  proposedResourceIds: ReadonlySet<string>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { assignmentId, needId, title, proposedResourceIds, onDone, onCancel } = props;
  const t = useT("matching");
  const locale = useLocale();
  const trpc = useTRPC();
  const headingId = useId();
  const candidates = useMutation(trpc.match.candidates.mutationOptions());
  const replace = useMutation(trpc.matchAssign.replace.mutationOptions());
  const { mutate } = candidates;
  useEffect(() => {
    mutate({ id: needId, limit: 10 });
  }, [mutate, needId]);

  const fieldKey = fieldErrorsOf(replace.error)?.resourceId?.[0];
  const swapError = replace.error
    ? fieldKey && KNOWN_ERRORS.has(fieldKey)
      ? t(fieldKey as "errors.resourceIneligible")
      : t("failed", { message: errorMessage(replace.error) })
    : null;
  const list = candidates.data?.candidates ?? [];

  return (
    <section aria-labelledby={headingId} className="mt-3 space-y-2 rounded-lg bg-slate-50 p-3" data-testid="swap-candidates">
      <div className="flex items-center justify-between gap-2">
        <h4 id={headingId} className="text-sm font-semibold text-slate-900">{t("swap.title")}</h4>
        <Button size="sm" variant="ghost" onClick={onCancel} data-testid="swap-cancel">{t("swap.cancel")}</Button>
      </div>
      {swapError ? <p role="alert" className="rounded bg-red-50 px-2 py-1 text-sm text-red-800" data-testid="swap-error">{swapError}</p> : null}
      {candidates.isPending ? <p role="status" className="text-sm text-slate-600">{t("swap.loading")}</p> : null}
      {candidates.isError ? <p role="alert" className="text-sm text-red-800" data-testid="swap-failed">{t("failed", { message: errorMessage(candidates.error) })}</p> : null}
      {candidates.isSuccess && list.length === 0 ? <p className="text-sm text-slate-600" data-testid="swap-empty">{t("swap.empty")}</p> : null}
      {list.length > 0 ? (
        <ul aria-label={t("swap.listLabel", { title })} className="space-y-2">
          {list.map((c) => {
            const current = proposedResourceIds.has(c.resourceId);
            const name = localizedName(locale, c.title, c.titleEn);
            return (
              <li key={c.resourceId} className="rounded-md border border-slate-200 bg-white p-2 text-sm" data-testid="swap-candidate" data-resource-id={c.resourceId}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0 space-y-0.5">
                    <p className="font-medium text-slate-900">{name}</p>
                    <p className="flex flex-wrap gap-x-3 text-xs text-slate-600">
                      <span data-testid="swap-supplier">{c.supplier.name ? t("assignment.supplier", { name: localizedName(locale, c.supplier.name, c.supplier.nameEn) }) : t("assignment.individual")}</span>
                      <span className="tabular-nums">{t("assignment.score", { score: c.score.toFixed(2) })}</span>
                      <span>{t("swap.distance", { km: c.distanceKm.toFixed(1) })}</span>
                      <span>{t("swap.eta", { time: formatDuration(locale, Math.round(c.etaMinutes) * 60, { precision: "minute" }) })}</span>
                    </p>
                    <p className="text-slate-700">{locale === "en" ? c.explanation.en : c.explanation.zh}</p>
                    {c.volunteered ? <VolunteeredLine at={c.volunteered.at} /> : null}
                  </div>
                  {current ? (
                    <span className="text-xs text-slate-500">{t("swap.current")}</span>
                  ) : (
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={replace.isPending}
                      aria-label={`${t("swap.pick")}: ${name}`}
                      onClick={() => replace.mutate({ assignmentId, resourceId: c.resourceId }, { onSuccess: onDone })}
                      data-testid="swap-pick"
                    >
                      {replace.isPending && replace.variables?.resourceId === c.resourceId ? t("swap.picking") : t("swap.pick")}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
