import "server-only";
import { notFound } from "next/navigation";
import { isProduction } from "@/lib/env";
import { defaultLocale, isLocale, type Locale } from "@/lib/i18n/config";
import type { Namespace, NamespaceMessages } from "@/lib/i18n/catalogue";
import { translatorFor } from "@/lib/i18n/messages-for";
import { warnMissingMessage, type MessageKey, type Translator } from "@/lib/i18n/translate";

export type { Translator } from "@/lib/i18n/translate";

/**
 * `const t = await getT(locale, "dashboard"); t("requester.title", { name })`.
 * An unsupported locale string falls back to zh-CN (pages should have rejected it via getLocaleFromParams).
 */
export async function getT<NS extends Namespace>(
  locale: Locale | string,
  namespace: NS,
): Promise<Translator<MessageKey<NamespaceMessages<NS>>>> {
  const l = isLocale(locale) ? locale : defaultLocale;
  return translatorFor(l, namespace, isProduction ? undefined : warnMissingMessage);
}

/** The `[locale]` route param, validated: an unknown locale is a 404, never a silent fallback. */
export async function getLocaleFromParams(params: Promise<{ locale: string }> | { locale: string }): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return locale;
}
