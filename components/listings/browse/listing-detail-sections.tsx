import type { Locale } from "@/lib/i18n/config";
import type { Translator } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import type { NamespaceMessages } from "@/lib/i18n/catalogue";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { Badge } from "@/components/ui/badge";
import type { TListingDetail } from "@/lib/schemas/listing-browse";

type T = Translator<MessageKey<NamespaceMessages<"browse">>>;

export function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** Availability windows in words, weekly first. */
export function windowSentences(t: T, locale: Locale, windows: TListingDetail["windows"]): string[] {
  return windows.map((w) => {
    if (w.kind === "WEEKLY") {
      const day = t(`detail.weekdays.${String(w.weekday ?? 0) as "0"}`);
      return t("detail.weekly", { day, from: hhmm(w.startMinute ?? 0), to: hhmm(w.endMinute ?? 1440) });
    }
    const from = w.startsAt ? formatDateTime(locale, w.startsAt) : "—";
    const to = w.endsAt ? formatDateTime(locale, w.endsAt) : "—";
    return t(w.kind === "BLACKOUT" ? "detail.blackout" : "detail.dated", { from, to });
  });
}

export function CredentialList({ t, locale, credentials }: { t: T; locale: Locale; credentials: TListingDetail["credentials"] }) {
  if (credentials.length === 0) return <p className="text-sm text-slate-600">{t("detail.noCredentials")}</p>;
  return (
    <ul className="space-y-2" data-testid="listing-credentials">
      {credentials.map((c, i) => (
        <li key={i} className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium text-slate-900">{c.kind}</span>
          <span className="text-slate-600">{c.issuer}</span>
          <span className={c.expired ? "font-medium text-red-700" : "text-slate-600"}>
            {c.validUntil ? t("detail.validUntil", { date: formatDate(locale, c.validUntil) }) : t("detail.noExpiry")}
          </span>
          {c.expired ? <Badge tone="danger" data-testid="credential-expired">{t("detail.expired")}</Badge> : null}
        </li>
      ))}
    </ul>
  );
}

export function DetailRow({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]" data-testid={testId}>
      <dt className="text-sm font-medium text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}
