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

/**
 * "5 minutes ago" / "3 分钟前" for times within the last day (`justNow` under a minute, passed in by the
 * caller from its catalogue), the absolute date and time beyond that or in the future.
 */
export function formatRelativeTime(locale: Locale, value: Date | string, now: Date, justNow: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < -60 || seconds >= 24 * 3600) return formatDateTime(locale, date);
  if (seconds < 60) return justNow;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), "minute");
  return rtf.format(-Math.floor(seconds / 3600), "hour");
}
