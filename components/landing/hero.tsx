import type { Locale } from "@/lib/i18n/config";
import { formatNumber } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TPublicStats } from "@/lib/schemas/dashboard";
import { localeHref, paths } from "@/components/layout/routes";
import { ButtonLink } from "@/components/ui/button";
import { Icon } from "@/components/landing/icons";

/** Headline, calls to action and the live figures card (all numbers and place names from the database). */
export async function Hero({ locale, stats, signedIn }: { locale: Locale; stats: TPublicStats | null; signedIn: boolean }) {
  const t = await getT(locale, "landing");
  const province = stats?.province ? localizedName(locale, stats.province.nameZh, stats.province.nameEn) : null;
  const figures = stats
    ? ([
        ["verifiedOrgs", stats.verifiedOrganizations, "stat-verified-orgs"],
        ["listedResources", stats.listedResources, "stat-resources"],
        ["knights", stats.knights, "stat-knights"],
        ["activeIncidents", stats.activeIncidents, "stat-active-incidents"],
      ] as const)
    : null;
  return (
    <section aria-labelledby="hero-title" className="relative overflow-hidden border-b border-slate-200 bg-white">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-0 bg-[radial-gradient(60rem_30rem_at_85%_-10%,var(--color-brand-100),transparent),radial-gradient(40rem_20rem_at_0%_110%,var(--color-slate-100),transparent)]"
      />
      <div className="relative mx-auto grid max-w-7xl gap-12 px-4 py-16 sm:px-6 sm:py-20 lg:grid-cols-12 lg:gap-8 lg:px-8 lg:py-24">
        <div className="lg:col-span-7">
          <p className="inline-flex items-center gap-2 rounded-full border border-brand-200 bg-brand-50 px-3 py-1 text-xs font-medium text-brand-800">
            <Icon name="pin" className="size-3.5" />
            {province ? t("hero.eyebrow", { province }) : t("hero.eyebrowGeneric")}
          </p>
          <h1 id="hero-title" className="mt-5 text-4xl font-bold tracking-tight text-balance text-slate-900 sm:text-5xl lg:text-[3.4rem] lg:leading-[1.1]">
            {t("hero.title")}
          </h1>
          <p className="mt-6 max-w-2xl text-lg leading-8 text-pretty text-slate-600">{t("hero.subtitle")}</p>
          <div className="mt-8 flex flex-wrap items-center gap-3">
            {signedIn ? (
              <ButtonLink href={localeHref(locale, paths.dashboard)} size="lg" data-testid="hero-dashboard">
                {t("hero.signedIn")}
                <Icon name="arrow" className="size-4" />
              </ButtonLink>
            ) : (
              <>
                <ButtonLink href={localeHref(locale, paths.signUp)} size="lg" data-testid="hero-sign-up">
                  {t("hero.primary")}
                  <Icon name="arrow" className="size-4" />
                </ButtonLink>
                <ButtonLink href={localeHref(locale, paths.signIn)} size="lg" variant="outline" data-testid="hero-sign-in">
                  {t("hero.secondary")}
                </ButtonLink>
              </>
            )}
          </div>
        </div>

        <div className="lg:col-span-5" id="stats">
          <div className="rounded-2xl border border-slate-200 bg-white/90 p-6 shadow-[var(--shadow-raised)] backdrop-blur" data-testid="landing-stats">
            <div className="flex items-center justify-between gap-4">
              <h2 className="text-sm font-semibold text-slate-900">{t("stats.title")}</h2>
              <span aria-hidden="true" className="relative flex size-2.5">
                <span className="absolute inline-flex size-full animate-ping rounded-full bg-brand-400 opacity-60" />
                <span className="relative inline-flex size-2.5 rounded-full bg-brand-500" />
              </span>
            </div>
            {figures ? (
              <dl className="mt-5 grid grid-cols-2 gap-px overflow-hidden rounded-xl border border-slate-200 bg-slate-200">
                {figures.map(([key, value, testId]) => (
                  <div key={key} className="bg-white p-4">
                    <dt className="text-xs font-medium text-slate-600">{t(`stats.${key}`)}</dt>
                    <dd className="mt-1 text-3xl font-semibold tracking-tight tabular-nums text-slate-900" data-testid={testId}>
                      {formatNumber(locale, value)}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="mt-5 rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600" role="status">
                {t("stats.unavailable")}
              </p>
            )}
            <p className="mt-3 text-xs text-slate-500">{t("stats.subtitle")}</p>

            <div className="mt-6 border-t border-slate-100 pt-5">
              <h3 className="text-sm font-semibold text-slate-900">{t("coverage.title")}</h3>
              <p className="mt-1 text-sm text-slate-600">
                {stats && province && stats.areas.length > 0
                  ? t("coverage.body", { province, count: stats.areas.length })
                  : stats
                    ? t("coverage.empty")
                    : t("coverage.bodyGeneric")}
              </p>
              {stats && stats.areas.length > 0 ? (
                <ul className="mt-3 flex flex-wrap gap-1.5" data-testid="coverage-areas">
                  {stats.areas.map((a) => (
                    <li key={a.code} lang={locale} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                      {localizedName(locale, a.nameZh, a.nameEn)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
