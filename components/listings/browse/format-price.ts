import type { Locale } from "@/lib/i18n/config";
import { formatNumber } from "@/lib/i18n/format";

/** Integer cents → "¥800.00" (or the locale's form). */
export function formatPrice(locale: Locale, cents: number, currency: string): string {
  return formatNumber(locale, cents / 100, { style: "currency", currency, maximumFractionDigits: 2 });
}
