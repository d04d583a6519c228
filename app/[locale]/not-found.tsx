import { headers } from "next/headers";
import { defaultLocale, isLocale, LOCALE_HEADER } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { LogoMark } from "@/components/layout/logo";
import { localeHref, paths } from "@/components/layout/routes";
import { ButtonLink } from "@/components/ui/button";

/** not-found files get no params; the proxy's locale header says which language to answer in. */
export default async function LocaleNotFound() {
  const fromProxy = (await headers()).get(LOCALE_HEADER);
  const locale = isLocale(fromProxy) ? fromProxy : defaultLocale;
  const t = await getT(locale, "common");
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-16" data-testid="not-found">
      <div className="max-w-md text-center">
        <LogoMark className="mx-auto size-10" />
        <p className="mt-6 text-sm font-semibold tracking-widest text-brand-700">{t("notFound.code")}</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{t("notFound.title")}</h1>
        <p className="mt-3 text-slate-600">{t("notFound.body")}</p>
        <ButtonLink href={localeHref(locale, paths.home)} className="mt-8">
          {t("actions.backHome")}
        </ButtonLink>
      </div>
    </main>
  );
}
