"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import type { TOfferCard } from "@/lib/schemas/offers";
import { ZDeclineOfferInput } from "@/lib/schemas/offers";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatCountdown, formatDateTime } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import { useTRPC } from "@/lib/trpc/react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { QuoteSummary } from "@/components/orders/quote-summary";
import { localeHref, paths } from "@/components/layout/routes";

const NEXT_STEP = { ACCEPTED: "MOBILIZED", MOBILIZED: "EN_ROUTE", EN_ROUTE: "ON_SCENE", ON_SCENE: "COMPLETED", COMPLETED: "RELEASED" } as const;

/** The current time, ticking each second (the hold countdown). */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** One offer: need, incident, distance, the match explanation, hold countdown, and the supplier's actions. */
export function OfferCard({ offer, onDone }: { offer: TOfferCard; onDone: (message: string) => void }) {
  const t = useT("offers");
  const tOrders = useT("orders");
  const tComp = useT("compensation");
  const locale = useLocale();
  const trpc = useTRPC();
  const now = useNow();
  const hold = offer.holdExpiresAt ? new Date(offer.holdExpiresAt) : null;
  const left = hold ? Math.max(0, hold.getTime() - now.getTime()) : 0;
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const onError = (e: unknown) => setError(t("errors.generic", { message: e instanceof Error ? e.message : String(e) }));
  const accept = useMutation(trpc.offer.accept.mutationOptions({ onSuccess: () => onDone(t("done.accepted")), onError }));
  const decline = useMutation(trpc.offer.decline.mutationOptions({ onSuccess: () => onDone(t("done.declined")), onError }));
  const report = useMutation(trpc.offer.report.mutationOptions({ onSuccess: () => onDone(t("done.reported")), onError }));
  const busy = accept.isPending || decline.isPending || report.isPending;
  const explanation = locale === "en" ? offer.explanationEn : offer.explanationZh;
  const next = offer.status in NEXT_STEP ? NEXT_STEP[offer.status as keyof typeof NEXT_STEP] : null;

  function onDecline(e: FormEvent) {
    e.preventDefault();
    const parsed = ZDeclineOfferInput.safeParse({ id: offer.id, reason });
    if (!parsed.success) {
      setError(t((parsed.error.issues[0]?.message ?? "errors.reasonRequired") as "errors.reasonRequired"));
      return;
    }
    decline.mutate(parsed.data);
  }

  return (
    <Card data-testid="offer-card" data-offer-id={offer.id}>
      <CardHeader
        title={offer.need.title}
        description={`${t("card.incident")}: ${offer.incident.title} · ${t("card.resource")}: ${localizedName(locale, offer.resource.title, offer.resource.titleEn)}`}
        action={<Badge tone={offer.status === "OFFERED" ? "warning" : "info"}>{t(`status.${offer.status}`)}</Badge>}
        headingLevel={3}
      />
      <CardBody className="space-y-3 text-sm text-slate-700">
        <ul className="space-y-1">
          <li>{t("card.distance", { km: offer.distanceKm })}</li>
          <li>{t("card.neededBy", { time: formatDateTime(locale, offer.need.neededBy) })}</li>
          <li>{t("card.window", { from: formatDateTime(locale, offer.windowStart), to: formatDateTime(locale, offer.windowEnd) })}</li>
          <li>{t("card.quantity", { quantity: offer.quantity, total: offer.need.quantity, unit: offer.need.unit })}</li>
        </ul>
        {explanation ? (
          <p className="rounded-lg bg-slate-50 px-3 py-2" data-testid="offer-explanation">
            <span className="font-medium">{t("card.why")}: </span>
            {explanation}
          </p>
        ) : null}
        {offer.quote ? <QuoteSummary quote={offer.quote} /> : null}
        {offer.orderId ? (
          <a className="text-sky-700 underline" href={`/${locale}/orders/${offer.orderId}`} data-testid="offer-order-link">
            {tOrders("list.offerLink")}
          </a>
        ) : null}
        {offer.requisitionNumber ? (
          <a className="block text-sky-700 underline" href={localeHref(locale, paths.requisition(offer.id))} data-testid="offer-requisition-link">
            {tComp("meta.requisition")} · {offer.requisitionNumber}
          </a>
        ) : null}
        {offer.status === "OFFERED" ? (
          <p className="font-medium text-amber-700" aria-live="polite" data-testid="offer-hold">
            {hold && left > 0 ? t("card.holdLeft", { time: formatCountdown(locale, hold, now) }) : t("card.holdExpired")}
          </p>
        ) : null}
        {error ? <p role="alert" className="text-red-700">{error}</p> : null}
        {offer.status === "OFFERED" && !declining ? (
          <div className="flex gap-2">
            <Button onClick={() => accept.mutate({ id: offer.id })} disabled={busy || left === 0} data-testid="offer-accept">
              {t("actions.accept")}
            </Button>
            <Button variant="outline" onClick={() => setDeclining(true)} disabled={busy} data-testid="offer-decline">
              {t("actions.decline")}
            </Button>
          </div>
        ) : null}
        {offer.status === "OFFERED" && declining ? (
          <form onSubmit={onDecline} className="space-y-2">
            <Field id={`reason-${offer.id}`} label={t("actions.reason")} hint={t("actions.reasonHint")} required>
              <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} data-testid="offer-decline-reason" />
            </Field>
            <div className="flex gap-2">
              <Button type="submit" variant="danger" disabled={busy} data-testid="offer-decline-confirm">
                {t("actions.confirmDecline")}
              </Button>
              <Button variant="ghost" onClick={() => setDeclining(false)}>
                {t("actions.cancel")}
              </Button>
            </div>
          </form>
        ) : null}
        {next ? (
          <Button variant="secondary" onClick={() => report.mutate({ id: offer.id, status: next })} disabled={busy} data-testid="offer-report">
            {t("actions.report")}: {t(`actions.next.${next}`)}
          </Button>
        ) : null}
      </CardBody>
    </Card>
  );
}
