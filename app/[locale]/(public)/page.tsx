import type { Metadata } from "next";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { Audiences } from "@/components/landing/audiences";
import { CallToAction } from "@/components/landing/call-to-action";
import { Hero } from "@/components/landing/hero";
import { HowItWorks } from "@/components/landing/how-it-works";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await getLocaleFromParams(params);
  const t = await getT(locale, "landing");
  return { title: { absolute: t("meta.title") }, description: t("meta.description") };
}

/** Live figures are read per request; a database hiccup shows "unavailable" instead of breaking the page. */
export default async function LandingPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const [stats, actor] = await Promise.all([
    getServerCaller()
      .then((caller) => caller.dashboard.publicStats())
      .catch((error: unknown) => {
        console.error("landing: public stats unavailable", error);
        return null;
      }),
    getServerActor().catch(() => null),
  ]);
  const signedIn = actor?.via === "session";
  return (
    <div data-testid="landing">
      <Hero locale={locale} stats={stats} signedIn={signedIn} />
      <Audiences locale={locale} />
      <HowItWorks locale={locale} />
      <CallToAction locale={locale} signedIn={signedIn} />
    </div>
  );
}
