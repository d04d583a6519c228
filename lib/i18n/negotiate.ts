import { defaultLocale, isLocale, locales, type Locale } from "@/lib/i18n/config";

/**
 * Case-insensitive match of one language tag to a supported locale: "zh-cn", "zh", "zh-Hans-CN" → zh-CN;
 * "en-GB" → en. Traditional-Chinese tags (zh-TW, zh-HK, zh-Hant) still map to zh-CN: it is the only
 * Chinese we have, and closer for those readers than English.
 */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const clean = tag.trim().toLowerCase();
  if (!clean || clean === "*") return null;
  for (const l of locales) if (l.toLowerCase() === clean) return l;
  const primary = clean.split("-")[0];
  if (primary === "zh") return "zh-CN";
  if (primary === "en") return "en";
  return null;
}

/** Parses an Accept-Language header into tags ordered by q (stable for equal q); q=0 tags are dropped. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((x) => x.tag);
}

/** The locale for a request with no locale in its path: the cookie wins, then Accept-Language, then zh-CN. */
export function negotiateLocale(input: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.cookie)) return input.cookie;
  const fromCookie = matchLocale(input.cookie);
  if (fromCookie) return fromCookie;
  for (const tag of parseAcceptLanguage(input.acceptLanguage)) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return defaultLocale;
}

/**
 * Splits a pathname into its locale prefix (if any) and the rest. `exact` is false when the prefix matched
 * only case-insensitively (e.g. /zh-cn/…), so the proxy can redirect to the canonical spelling.
 */
export function splitLocalePath(pathname: string): { locale: Locale | null; exact: boolean; rest: string } {
  const match = /^\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match) return { locale: null, exact: false, rest: pathname || "/" };
  const [, first, tail] = match;
  const rest = tail || "/";
  if (isLocale(first)) return { locale: first, exact: true, rest };
  const loose = locales.find((l) => l.toLowerCase() === first.toLowerCase());
  return loose ? { locale: loose, exact: false, rest } : { locale: null, exact: false, rest: pathname };
}

/** The same page in another locale: /zh-CN/dashboard → /en/dashboard; a locale-less path gets a prefix. */
export function localizePath(pathname: string, locale: Locale): string {
  const { locale: current, rest } = splitLocalePath(pathname);
  const tail = current ? rest : pathname || "/";
  return tail === "/" ? `/${locale}` : `/${locale}${tail}`;
}
