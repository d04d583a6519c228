/** The languages Muster speaks. Chinese is the default: most users are in Jiangsu. */
export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";

/** Cookie the locale switcher writes and the proxy reads (the name Next.js conventionally uses). */
export const LOCALE_COOKIE = "NEXT_LOCALE";
/** Request header the proxy sets so the root layout can put the right `lang` on <html>. */
export const LOCALE_HEADER = "x-muster-locale";
/** Request header the proxy sets to the requested path + query (layouts cannot see the URL otherwise). */
export const PATH_HEADER = "x-muster-path";

/** Human names of each locale, written in that locale (shown by the switcher). */
export const localeNames: Record<Locale, string> = { "zh-CN": "简体中文", en: "English" };

export function isLocale(x: unknown): x is Locale {
  return typeof x === "string" && (locales as readonly string[]).includes(x);
}
