import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { localeHref, paths } from "@/components/layout/routes";
import { ButtonLink } from "@/components/ui/button";

export async function CallToAction({ locale, signedIn }: { locale: Locale; signedIn: boolean }) {
  const t = await getT(locale, "landing");
  return (
    <section aria-labelledby="cta-title" className="mx-auto max-w-7xl px-4 py-20 sm:px-6 lg:px-8">
      <div className="relative overflow-hidden rounded-3xl bg-slate-900 px-6 py-14 text-center shadow-[var(--shadow-raised)] sm:px-12">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 bg-[radial-gradient(40rem_16rem_at_50%_120%,rgb(251_95_18/0.35),transparent)]"
        />
        <h2 id="cta-title" className="relative text-3xl font-bold tracking-tight text-balance text-white">
          {t("cta.title")}
        </h2>
        <p className="relative mx-auto mt-4 max-w-xl text-slate-300">{t("cta.body")}</p>
        <div className="relative mt-8 flex flex-wrap items-center justify-center gap-3">
          {signedIn ? (
            <ButtonLink href={localeHref(locale, paths.dashboard)} size="lg">
              {t("hero.signedIn")}
            </ButtonLink>
          ) : (
            <>
              <ButtonLink href={localeHref(locale, paths.signUp)} size="lg" data-testid="cta-sign-up">
                {t("cta.primary")}
              </ButtonLink>
              <ButtonLink
                href={localeHref(locale, paths.signIn)}
                size="lg"
                variant="ghost"
                className="text-white hover:bg-white/10 hover:text-white"
                data-testid="cta-sign-in"
              >
                {t("cta.secondary")}
              </ButtonLink>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
