import type { Locale } from "@/lib/i18n/config";

/** Locale-aware formatting; the display time zone is fixed to China's because every incident is in Jiangsu. */
export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

export function formatPercent(locale: Locale, fraction: number): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}

export function formatDate(locale: Locale, value: Date | string, options?: Intl.DateTimeFormatOptions): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeZone: DISPLAY_TIME_ZONE,
    ...options,
  }).format(date);
}

export function formatDateTime(locale: Locale, value: Date | string): string {
  return formatDate(locale, value, { dateStyle: "medium", timeStyle: "short" });
}
