"use client";

import { useId, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatCountdown, formatDateTime, formatNumber } from "@/lib/i18n/format";
import type { OfferCardData } from "@/components/knight/offer-feed";
import { FormAlert } from "@/components/auth/form-alert";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Textarea } from "@/components/ui/input";
import { cx } from "@/components/ui/cx";

export const DECLINE_REASONS = ["TOO_FAR", "VEHICLE", "BUSY", "SAFETY", "OTHER"] as const;

/**
 * One live offer: what, from where to where, how far (a band, never an exact distance), the reward and
 * the time left to answer. Decline asks for an optional reason first; nothing is sent until confirmed.
 */
export function OfferCard({
  offer,
  now,
  busy,
  error,
  onAccept,
  onDecline,
}: {
  offer: OfferCardData;
  now: Date;
  busy: boolean;
  error?: string | null;
  onAccept: () => void;
  onDecline: (reason: string | undefined) => void;
}) {
  const t = useT("knightApp");
  const tDuty = useT("knightDuty");
  const tDispatch = useT("dispatch");
  const locale = useLocale();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState<string>("");
  const [other, setOther] = useState("");
  const headingId = useId();
  const secondsLeft = Math.max(0, Math.ceil((offer.expiresAt.getTime() - now.getTime()) / 1000));
  const urgent = secondsLeft <= 30;
  const row = (label: string, value: string | null, testId: string) =>
    value ? (
      <div className="flex gap-2">
        <dt className="w-16 shrink-0 text-slate-500">{label}</dt>
        <dd className="min-w-0 flex-1 break-words text-slate-900" data-testid={testId}>
          {value}
        </dd>
      </div>
    ) : null;
  const reasonText = reason === "OTHER" ? other.trim() || "OTHER" : reason || undefined;
  return (
    <article
      aria-labelledby={headingId}
      data-testid="offer-card"
      data-offer-id={offer.offerId}
      data-need-id={offer.needId}
      className="rounded-2xl border border-brand-200 bg-white p-4 shadow-sm"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-1.5">
            {offer.taskKind ? <Badge tone="brand">{tDuty(`taskKinds.${offer.taskKind}`)}</Badge> : null}
            <Badge tone="neutral" data-testid="offer-distance">{t("offer.distance", { band: tDispatch(`bands.${offer.distanceBand}`) })}</Badge>
            {offer.wave > 1 ? <Badge tone="info">{t("offer.wave", { wave: offer.wave })}</Badge> : null}
          </div>
          <h3 id={headingId} className="mt-2 text-lg font-semibold text-slate-900" data-testid="offer-title">
            {offer.title}
          </h3>
        </div>
        <div className="shrink-0 text-right">
          {offer.rewardPoints !== null ? (
            <p className="text-lg font-bold text-brand-700" data-testid="offer-reward">
              {t("offer.reward", { points: formatNumber(locale, offer.rewardPoints) })}
            </p>
          ) : null}
          <p
            className={cx("text-sm tabular-nums", urgent ? "font-semibold text-red-700" : "text-slate-600")}
            data-testid="offer-countdown"
            aria-label={t("offer.timeLeftLabel", { time: formatCountdown(locale, offer.expiresAt, now) })}
          >
            {formatCountdown(locale, offer.expiresAt, now)}
          </p>
        </div>
      </div>
      <dl className="mt-3 space-y-1 text-sm">
        {row(t("offer.pickup"), offer.pickupAddress, "offer-pickup")}
        {row(t("offer.dropoff"), offer.dropoffAddress, "offer-dropoff")}
        {row(t("offer.cargo"), offer.cargoKg !== null ? t("offer.cargoKg", { kg: formatNumber(locale, offer.cargoKg) }) : null, "offer-cargo")}
        {row(t("offer.deadline"), offer.deadline ? formatDateTime(locale, offer.deadline) : null, "offer-deadline")}
      </dl>
      {error ? (
        <div className="mt-3">
          <FormAlert data-testid="offer-error">{error}</FormAlert>
        </div>
      ) : null}
      {declining ? (
        <fieldset className="mt-4 space-y-2" data-testid="decline-form">
          <legend className="text-sm font-medium text-slate-800">{t("offer.declineWhy")}</legend>
          <div className="flex flex-wrap gap-2">
            {DECLINE_REASONS.map((r) => (
              <label
                key={r}
                className={cx(
                  "cursor-pointer rounded-full px-3 py-1.5 text-sm ring-1 ring-inset",
                  reason === r ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-700 ring-slate-300",
                )}
              >
                <input type="radio" name={`decline-${offer.offerId}`} value={r} checked={reason === r} onChange={() => setReason(r)} className="sr-only" />
                {t(`declineReasons.${r}`)}
              </label>
            ))}
          </div>
          {reason === "OTHER" ? (
            <Textarea
              aria-label={t("offer.declineOther")}
              placeholder={t("offer.declineOther")}
              value={other}
              maxLength={200}
              rows={2}
              onChange={(e) => setOther(e.target.value)}
              data-testid="decline-other"
            />
          ) : null}
          <div className="grid grid-cols-2 gap-2 pt-1">
            <Button variant="ghost" size="lg" onClick={() => setDeclining(false)} disabled={busy}>
              {t("offer.back")}
            </Button>
            <Button variant="danger" size="lg" onClick={() => onDecline(reasonText)} disabled={busy} data-testid="decline-confirm">
              {t("offer.declineConfirm")}
            </Button>
          </div>
        </fieldset>
      ) : (
        <div className="mt-4 grid grid-cols-2 gap-2">
          <Button variant="outline" size="lg" onClick={() => setDeclining(true)} disabled={busy} data-testid="offer-decline">
            {t("offer.decline")}
          </Button>
          <Button size="lg" onClick={onAccept} disabled={busy || secondsLeft === 0} aria-busy={busy || undefined} data-testid="offer-accept">
            {busy ? t("offer.accepting") : t("offer.accept")}
          </Button>
        </div>
      )}
    </article>
  );
}
