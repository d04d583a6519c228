"use client";

import type { TQuote } from "@/lib/schemas/orders";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatMoney, formatShare } from "@/components/orders/money";

/** A quote as sent: its lines, total, deposit and the cancellation policy (shown before anyone acts). */
export function QuoteSummary({ quote, compact = false }: { quote: TQuote; compact?: boolean }) {
  const t = useT("orders");
  const locale = useLocale();
  const money = (c: number) => formatMoney(locale, c, quote.currency);
  return (
    <section className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700" aria-label={t("quote.title")} data-testid="quote-summary">
      <h4 className="font-medium text-slate-900">{t("quote.title")}</h4>
      <ul className="mt-1 space-y-0.5">
        {quote.lines.map((l) => (
          <li key={l.code} className="flex justify-between gap-3">
            <span>{t(`quote.line.${l.code}`, { units: l.units, price: money(l.unitPriceCents) })}</span>
            <span className="tabular-nums">{money(l.amountCents)}</span>
          </li>
        ))}
        <li className="flex justify-between gap-3 border-t border-slate-100 pt-0.5 font-semibold text-slate-900">
          <span>{t("quote.subtotal")}</span>
          <span className="tabular-nums" data-testid="quote-total">{money(quote.subtotalCents)}</span>
        </li>
      </ul>
      {quote.depositCents > 0 ? <p className="mt-1">{t("quote.deposit", { amount: money(quote.depositCents) })}</p> : null}
      <p className="mt-1" data-testid="quote-policy">{t("quote.policy", { share: formatShare(locale, quote.cancelShareBps) })}</p>
      {compact ? null : <p className="mt-1 text-xs text-slate-500">{t("quote.frozen")}</p>}
    </section>
  );
}
