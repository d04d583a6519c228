import type { Locale } from "@/lib/i18n/config";
import { common } from "@/lib/i18n/messages/common";
import { interpolate } from "@/lib/i18n/translate";

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

/** How fine a duration goes: seconds for live countdowns, minutes for spans kept in whole minutes. */
export type DurationPrecision = "second" | "minute";

// One integer formatter per locale: matching explains every candidate with spans, and building an
// Intl.NumberFormat per call costs more than the rest of formatDuration.
const wholeNumbers = new Map<Locale, Intl.NumberFormat>();
const wholeNumber = (locale: Locale) => {
  let f = wholeNumbers.get(locale);
  if (!f) wholeNumbers.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return f;
};

/** Below 1,000 both locales write a whole number in plain ASCII digits, as String() does, without Intl's cost. */
const whole = (locale: Locale, v: number): string => (v >= 0 && v < 1000 ? String(v) : wholeNumber(locale).format(v));

type DurationKey = keyof (typeof common)["en"]["duration"];

/** Each duration message's placeholders, largest unit first ("dh" → {d} then {h}). */
const DURATION_VARS: Record<DurationKey, [string] | [string, string]> = {
  dh: ["d", "h"], d: ["d"], hm: ["h", "m"], h: ["h"], ms: ["m", "s"], m: ["m"], s: ["s"],
};

/** A duration message with its one or two numbers (no per-call closures or objects: explanations call it 80× a match). */
function sayDuration(locale: Locale, key: DurationKey, a: number, b?: number): string {
  const [first, second] = DURATION_VARS[key];
  const vars: Record<string, string> = { [first]: whole(locale, a) };
  if (second !== undefined && b !== undefined) vars[second] = whole(locale, b);
  return interpolate(common[locale].duration[key], vars);
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/**
 * A span of time as people say it, never as a clock: "2 d 3 h" / "2天3小时", "11 h 34 min" / "11小时34分",
 * "5 min 10 s" / "5分10秒", "45 s" / "45秒".
 *
 * The rule, everywhere: the two largest units, each whole (floored), a zero second unit left out ("2 d",
 * "3 h"). With precision "second" (the default, for countdowns that tick each second) seconds show only
 * under an hour, so a long hold reads "11 h 34 min" and its last minutes "4 min 59 s". With precision
 * "minute" (duty time, silence, lead times, link validity) the smallest unit is the minute ("0 min" under
 * one). Negative spans read as zero: an expired hold has no time left — callers that must say "expired"
 * check that themselves. Words come from the catalogue (common.duration), numbers from Intl.
 */
export function formatDuration(locale: Locale, seconds: number, opts: { precision?: DurationPrecision } = {}): string {
  const byMinute = opts.precision === "minute";
  let total = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  if (byMinute) total -= total % MINUTE;
  if (total >= DAY) {
    const h = Math.floor((total % DAY) / HOUR);
    return h ? sayDuration(locale, "dh", Math.floor(total / DAY), h) : sayDuration(locale, "d", Math.floor(total / DAY));
  }
  if (total >= HOUR) {
    const m = Math.floor((total % HOUR) / MINUTE);
    return m ? sayDuration(locale, "hm", Math.floor(total / HOUR), m) : sayDuration(locale, "h", Math.floor(total / HOUR));
  }
  if (total >= MINUTE || byMinute) {
    const s = total % MINUTE;
    return s ? sayDuration(locale, "ms", Math.floor(total / MINUTE), s) : sayDuration(locale, "m", Math.floor(total / MINUTE));
  }
  return sayDuration(locale, "s", total);
}

/**
 * The time left until `until`, for a countdown that ticks each second (formatDuration's rule). Rounded up to
 * the second, so it reads "1 s" while the hold still runs and "0 s" only once it has passed.
 */
export function formatCountdown(locale: Locale, until: Date | string, now: Date): string {
  const end = typeof until === "string" ? new Date(until) : until;
  return formatDuration(locale, Math.ceil((end.getTime() - now.getTime()) / 1000));
}
