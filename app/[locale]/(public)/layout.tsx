import type { ReactNode } from "react";
import { getLocaleFromParams } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";

/** Pages anyone may see: landing, sign-in/up. Knowing who is signed in only changes the header buttons. */
export default async function PublicLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const locale = await getLocaleFromParams(params);
  // A public page must render even when the session store is unreachable: treat that as signed out.
  const actor = await getServerActor().catch(() => null);
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader locale={locale} signedIn={actor?.via === "session"} />
      <main id="main" className="flex-1">
        {children}
      </main>
      <SiteFooter locale={locale} />
    </div>
  );
}
