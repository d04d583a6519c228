import type { Metadata } from "next";
import type { ReactNode } from "react";
import { env, isProduction } from "@/lib/env";
import { locales } from "@/lib/i18n/config";
import { I18nProvider } from "@/lib/i18n/client";
import { messagesFor } from "@/lib/i18n/messages-for";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { TRPCReactProvider } from "@/lib/trpc/react";
import { LiveProvider } from "@/lib/live/live-provider";
import { HtmlLang } from "@/components/layout/html-lang";
import { SkipLink } from "@/components/layout/skip-link";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const locale = await getLocaleFromParams(params);
  const t = await getT(locale, "common");
  return {
    title: { default: `${t("brand.name")} ${t("brand.tagline")}`, template: `%s · ${t("brand.name")}` },
    description: t("brand.description"),
    alternates: { languages: Object.fromEntries(locales.map((l) => [l, `/${l}`])) },
  };
}

/** Everything under /<locale>: messages for client components, the tRPC/React Query client, skip link. */
export default async function LocaleLayout({ children, params }: Props) {
  const locale = await getLocaleFromParams(params);
  const t = await getT(locale, "common");
  return (
    <I18nProvider locale={locale} messages={messagesFor(locale)} warnMissing={!isProduction}>
      <TRPCReactProvider locale={locale} ssrOrigin={`http://127.0.0.1:${env.PORT}`}>
        <HtmlLang lang={locale} />
        <SkipLink label={t("a11y.skipToContent")} />
        <LiveProvider>{children}</LiveProvider>
      </TRPCReactProvider>
    </I18nProvider>
  );
}
