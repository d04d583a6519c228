"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatDateTime } from "@/lib/i18n/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { useTRPC } from "@/lib/trpc/react";
import type { TBoardNeed } from "@/lib/schemas/volunteers";
import { errorMessage, fieldErrorsOf } from "@/components/needs/use-incident-refresh";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";

/** Field-error keys the server may answer with (lib/i18n/messages/volunteers.ts `errors`). */
const KNOWN = new Set(["errors.resourceIneligible", "errors.notYourListing", "errors.alreadyVolunteered", "errors.needNotOpen", "errors.chooseListing"]);

/** One open need on the board: what, how many, by when, how far; "offer to help" with one of the caller's listings. */
export function BoardNeedCard({ need, onDone }: { need: TBoardNeed; onDone: (message: string) => void }) {
  const t = useT("volunteers");
  const tn = useT("needs");
  const locale = useLocale();
  const trpc = useTRPC();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const offered = new Set(need.volunteered.map((v) => v.resourceId));
  const choices = need.listings.filter((l) => !offered.has(l.id));
  const [resourceId, setResourceId] = useState(choices[0]?.id ?? "");
  const offer = useMutation(trpc.volunteer.offer.mutationOptions());
  const withdraw = useMutation(trpc.volunteer.withdraw.mutationOptions());
  const titleOf = (id: string) => {
    const l = need.listings.find((x) => x.id === id);
    return l ? localizedName(locale, l.title, l.titleEn) : "…";
  };
  const key = fieldErrorsOf(offer.error)?.resourceId?.[0] ?? fieldErrorsOf(offer.error)?.needId?.[0];
  const error = offer.error ? (key && KNOWN.has(key) ? t(key as "errors.resourceIneligible") : t("errors.failed", { message: errorMessage(offer.error) })) : null;
  const caps = Object.entries(need.requiredCapabilities).map(([k, v]) => `${k} ≥ ${v}`).join("，");
  const typeName = need.typeNameZh ? localizedName(locale, need.typeNameZh, need.typeNameEn) : null;

  return (
    <article aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="board-need" data-need-id={need.id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <h2 id={headingId} className="font-semibold text-slate-900">{need.title}</h2>
          <p className="text-sm text-slate-600">{t("need.incident", { title: need.incidentTitle })}{typeName ? ` · ${typeName}` : ""}</p>
        </div>
        <Badge tone={need.priority === "LIFE_SAFETY" ? "danger" : need.priority === "URGENT" ? "warning" : "neutral"}>{tn(`priority.${need.priority as "URGENT"}`)}</Badge>
      </div>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
        <li>{t("need.open", { open: need.quantityOpen, quantity: need.quantity, unit: need.unit })}</li>
        <li>{t("need.neededBy", { time: formatDateTime(locale, need.neededBy) })}</li>
        <li data-testid="board-distance-line">{t("need.distance", { km: need.distanceKm.toFixed(1) })}</li>
        <li>{t("need.region", { region: localizedName(locale, need.regionNameZh, need.regionNameEn) })}</li>
        <li>{t("need.payment", { mode: t(`payment.${need.paymentMode as "PAID"}`) })}</li>
        {caps ? <li>{t("need.capabilities", { list: caps })}</li> : null}
      </ul>
      {need.volunteered.length > 0 ? (
        <ul className="space-y-1" data-testid="board-volunteered">
          {need.volunteered.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center gap-2 text-sm">
              <Badge tone="success" dot>{t("need.volunteered", { title: titleOf(v.resourceId) })}</Badge>
              <Button
                size="sm"
                variant="ghost"
                disabled={withdraw.isPending}
                aria-label={t("need.withdrawLabel", { title: titleOf(v.resourceId) })}
                onClick={() => withdraw.mutate({ id: v.id }, { onSuccess: () => onDone(t("need.withdrawn")) })}
                data-testid="board-withdraw"
              >
                {t("need.withdraw")}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {choices.length > 0 && !open ? (
        <Button size="sm" aria-label={t("need.offerLabel", { title: need.title })} onClick={() => setOpen(true)} data-testid="board-offer">{t("need.offer")}</Button>
      ) : null}
      {open ? (
        <form
          className="space-y-3 rounded-lg bg-slate-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            offer.mutate({ needId: need.id, resourceId }, { onSuccess: () => { setOpen(false); onDone(t("need.offered", { title: titleOf(resourceId) })); } });
          }}
        >
          <Field id={`offer-${need.id}`} label={t("need.chooseListing")} error={error ?? undefined}>
            <Select value={resourceId} onChange={(e) => setResourceId(e.target.value)} data-testid="board-offer-listing">
              {choices.map((l) => <option key={l.id} value={l.id}>{t("need.listingOption", { title: localizedName(locale, l.title, l.titleEn), km: l.distanceKm.toFixed(1) })}</option>)}
            </Select>
          </Field>
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={offer.isPending || !resourceId} data-testid="board-offer-submit">{offer.isPending ? t("need.submitting") : t("need.submit")}</Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>{t("need.cancel")}</Button>
          </div>
        </form>
      ) : null}
    </article>
  );
}
