import type { Locale } from "@/lib/i18n/config";

/** Integer fen as a CNY amount in the reader's locale (¥1,234.50). */
export function formatYuan(locale: Locale, cents: number): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format(cents / 100);
}

/** A yuan amount typed in a form → integer fen, or null when it is not a non-negative number. */
export function yuanToCents(text: string): number | null {
  const n = Number(text.trim().replace(/,/g, ""));
  return text.trim() !== "" && Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : null;
}
