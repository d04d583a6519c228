"use client";

import { useLocale, useT } from "@/lib/i18n/client";
import { formatDuration } from "@/lib/i18n/format";
import { minutesOnDuty } from "@/components/knight/offer-feed";

/**
 * Time on duty in this stint, and — when the server says the duty limit is reached — the rest prompt:
 * no new offers come until the knight has rested; tasks already accepted continue.
 */
export function DutyTimer({ since, now, restDue, limitMinutes }: { since: Date | null; now: Date; restDue: boolean; limitMinutes?: number | null }) {
  const t = useT("knightApp");
  const locale = useLocale();
  if (!since) return null;
  const minutes = minutesOnDuty(since, now);
  const span = (m: number) => formatDuration(locale, m * 60, { precision: "minute" });
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700" data-testid="duty-timer" data-minutes={minutes}>
        {t("duty.elapsed", { time: span(minutes) })}
        {limitMinutes ? <span className="text-slate-500"> · {t("duty.limit", { time: span(limitMinutes) })}</span> : null}
      </p>
      {restDue ? (
        <div role="alert" data-testid="rest-prompt" className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-semibold">{t("duty.restTitle")}</p>
          <p className="mt-0.5">{t("duty.restBody")}</p>
        </div>
      ) : null}
    </div>
  );
}
