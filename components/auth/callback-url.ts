import type { Locale } from "@/lib/i18n/config";

/**
 * Where to go after signing in: the requested same-site path, or the dashboard. Anything that could
 * leave the site ("//evil", "/\\evil", "https://…") or loop back to the auth pages is ignored.
 */
export function safeCallbackUrl(locale: Locale, raw: unknown): string {
  const fallback = `/${locale}/dashboard`;
  if (typeof raw !== "string" || raw.length > 500) return fallback;
  if (!/^\/(?![\\/])/.test(raw) || /[\u0000-\u001f]/.test(raw)) return fallback;
  if (/^\/[^/]+\/sign-(in|up)(\/|\?|$)/.test(raw)) return fallback;
  return raw;
}
