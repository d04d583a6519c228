import type { Locale } from "@/lib/i18n/config";
import { formatNumber } from "@/lib/i18n/format";

/** Integer minor units (fen) → "¥1,234.50" / "CN¥1,234.50" in the reader's locale. */
export function formatMoney(locale: Locale, cents: number, currency = "CNY"): string {
  return formatNumber(locale, cents / 100, { style: "currency", currency });
}

export function formatShare(locale: Locale, bps: number): string {
  return formatNumber(locale, bps / 10_000, { style: "percent", maximumFractionDigits: 1 });
}
