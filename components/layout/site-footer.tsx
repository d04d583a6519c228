import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { LogoMark } from "@/components/layout/logo";

export async function SiteFooter({ locale }: { locale: Locale }) {
  const t = await getT(locale, "common");
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-8 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between sm:px-6 lg:px-8">
        <div className="flex items-center gap-3">
          <LogoMark className="size-6" />
          <p>{t("footer.tagline")}</p>
        </div>
        <p>{t("footer.rights", { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}
