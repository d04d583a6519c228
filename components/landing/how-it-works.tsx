import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";

const STEPS = ["s1", "s2", "s3", "s4"] as const;

export async function HowItWorks({ locale }: { locale: Locale }) {
  const t = await getT(locale, "landing");
  return (
    <section id="how" aria-labelledby="how-title" className="scroll-mt-20 border-y border-slate-200 bg-white">
      <div className="mx-auto max-w-7xl px-4 py-20 sm:px-6 lg:px-8">
        <div className="max-w-2xl">
          <h2 id="how-title" className="text-3xl font-bold tracking-tight text-slate-900">
            {t("how.title")}
          </h2>
          <p className="mt-3 text-lg text-slate-600">{t("how.subtitle")}</p>
        </div>
        <ol className="mt-12 grid gap-8 md:grid-cols-2 lg:grid-cols-4">
          {STEPS.map((s, i) => (
            <li key={s} className="relative">
              <div className="flex items-center gap-3">
                <span className="flex size-9 items-center justify-center rounded-full bg-slate-900 text-sm font-semibold text-white tabular-nums">
                  {i + 1}
                </span>
                <span aria-hidden="true" className="hidden h-px flex-1 bg-slate-200 lg:block" />
              </div>
              <h3 className="mt-4 text-base font-semibold text-slate-900">{t(`how.${s}.title`)}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{t(`how.${s}.body`)}</p>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
