import type { Locale } from "@/lib/i18n/config";

/**
 * The name to show in `locale` for data that may carry an English form next to its Chinese one (a listing's
 * title/titleEn, a resource type's nameZh/nameEn, an organisation's name/nameEn, a region's nameZh/nameEn …).
 * English pages use the English form whenever there is one, and fall back to the Chinese name only when
 * there is none (an organisation that never gave one, a notification written before payloads carried both).
 */
export function localizedName(locale: Locale, zh: string, en: string | null | undefined): string {
  if (locale === "en") {
    const english = en?.trim();
    if (english) return english;
  }
  return zh;
}
