import Link from "next/link";
import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { Logo } from "@/components/layout/logo";
import { localeHref, paths } from "@/components/layout/routes";
import { ButtonLink } from "@/components/ui/button";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";

/** Header of public pages; shows "go to dashboard" instead of sign-in buttons to someone signed in. */
export async function SiteHeader({ locale, signedIn }: { locale: Locale; signedIn: boolean }) {
  const t = await getT(locale, "common");
  const tl = await getT(locale, "landing");
  const home = localeHref(locale, paths.home);
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200/70 bg-white/85 backdrop-blur supports-[backdrop-filter]:bg-white/70">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-3 px-4 sm:gap-6 sm:px-6 lg:px-8">
        <Logo href={home} name={t("brand.name")} tagline={t("brand.tagline")} homeLabel={t("brand.homeLink")} />
        <nav aria-label={t("a11y.primaryNav")} className="hidden md:block">
          <ul className="flex items-center gap-1 text-sm font-medium text-slate-600">
            {(["audiences", "how", "stats"] as const).map((k) => (
              <li key={k}>
                <Link href={`${home}#${k}`} className="rounded-md px-3 py-2 hover:bg-slate-100 hover:text-slate-900">
                  {tl(`nav.${k}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-1.5 sm:gap-3">
          <LocaleSwitcher />
          {signedIn ? (
            <ButtonLink href={localeHref(locale, paths.dashboard)} size="sm" data-testid="header-dashboard">
              {t("actions.goToDashboard")}
            </ButtonLink>
          ) : (
            <>
              {/* On the narrowest phones the hero's own sign-in button is right below; keep the bar on one line. */}
              <span className="hidden min-[400px]:inline-flex">
                <ButtonLink href={localeHref(locale, paths.signIn)} variant="ghost" size="sm" data-testid="header-sign-in">
                  {t("actions.signIn")}
                </ButtonLink>
              </span>
              <ButtonLink href={localeHref(locale, paths.signUp)} size="sm" data-testid="header-sign-up">
                {t("actions.signUp")}
              </ButtonLink>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
