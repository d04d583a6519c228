import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { PATH_HEADER } from "@/lib/i18n/config";
import { getLocaleFromParams } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { AppHeader } from "@/components/layout/app-header";
import { localeHref, paths } from "@/components/layout/routes";
import { MapProjectionProvider } from "@/components/map/map-projection";
import { env } from "@/lib/env";

/**
 * The signed-in shell. Redirecting here is a convenience for the whole area — every page below ALSO
 * checks the session (and its own permission) itself, because layouts do not re-render on client
 * navigation and must never be the only guard.
 */
export default async function AppLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") {
    const requested = (await headers()).get(PATH_HEADER);
    // Only same-site paths under this locale go into callbackUrl (never an absolute URL).
    const back = requested && requested.startsWith(`/${locale}/`) ? requested : localeHref(locale, paths.dashboard);
    redirect(`${localeHref(locale, paths.signIn)}?callbackUrl=${encodeURIComponent(back)}`);
  }
  const viewer = await (await getServerCaller()).dashboard.viewer();
  return (
    <div className="flex min-h-dvh flex-col">
      {/* Printed pages (the after-action report, its PDF) carry the content only. */}
      <div className="print:hidden">
        <AppHeader locale={locale} viewer={viewer} />
      </div>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6 lg:px-8 print:max-w-none print:p-0">
        {/* Every map below draws through this projection (env MAP_TILE_CRS: the tiles' coordinate system). */}
        <MapProjectionProvider crs={env.MAP_TILE_CRS}>{children}</MapProjectionProvider>
      </main>
    </div>
  );
}
