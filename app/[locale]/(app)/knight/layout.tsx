import type { Metadata } from "next";
import type { ReactNode } from "react";
import { isProduction } from "@/lib/env";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localeHref, paths } from "@/components/layout/routes";
import { KnightTabBar } from "@/components/knight/knight-tab-bar";
import { PositionSharingProvider } from "@/components/knight/position-sharing-provider";
import { RegisterServiceWorker } from "@/components/knight/pwa/register-service-worker";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/** The knight app is installable: web manifest + icons here, the service worker registered below. */
export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "knightApp");
  return {
    manifest: "/manifest.webmanifest",
    appleWebApp: { capable: true, title: t("app.shortName"), statusBarStyle: "default" },
    icons: { apple: "/icons/knight-180.png" },
  };
}

/**
 * Shell of the knight pages: position sharing while on duty (any knight page, including the task screen
 * the knight rides with), a bottom tab bar on phones and room for it below the content. Every page below
 * checks the session and the "knight.self" permission itself.
 */
export default async function KnightLayout({ children, params }: Props) {
  const locale = await getLocaleFromParams(params);
  const t = await getT(locale, "knightApp");
  const tabs = [
    { key: "home" as const, href: localeHref(locale, paths.knightHome), label: t("tabs.home") },
    { key: "history" as const, href: localeHref(locale, paths.knightHistory), label: t("tabs.history") },
    { key: "standing" as const, href: localeHref(locale, paths.knightStanding), label: t("tabs.standing") },
    { key: "profile" as const, href: localeHref(locale, paths.knightProfile), label: t("tabs.profile") },
  ];
  return (
    <div className="pb-20 md:pb-0">
      <RegisterServiceWorker enabled={isProduction} />
      <PositionSharingProvider>{children}</PositionSharingProvider>
      <KnightTabBar tabs={tabs} label={t("tabs.label")} />
    </div>
  );
}
