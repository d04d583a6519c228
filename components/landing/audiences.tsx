import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { localeHref, paths } from "@/components/layout/routes";
import { Icon, type IconName } from "@/components/landing/icons";
import Link from "next/link";

const AUDIENCES: { key: "requester" | "supplier" | "expert" | "knight" | "admin"; icon: IconName; path: string }[] = [
  { key: "requester", icon: "building", path: paths.signUpAs("requester") },
  { key: "supplier", icon: "truck", path: paths.signUpAs("supplier") },
  { key: "expert", icon: "academic", path: paths.signUpAs("expert") },
  { key: "knight", icon: "bolt", path: paths.signUpAs("knight") },
  { key: "admin", icon: "shield", path: paths.signIn },
];

/** One card per kind of user: what they do here and where to start. */
export async function Audiences({ locale }: { locale: Locale }) {
  const t = await getT(locale, "landing");
  return (
    <section id="audiences" aria-labelledby="audiences-title" className="mx-auto max-w-7xl scroll-mt-20 px-4 py-20 sm:px-6 lg:px-8">
      <div className="max-w-2xl">
        <h2 id="audiences-title" className="text-3xl font-bold tracking-tight text-slate-900">
          {t("audiences.title")}
        </h2>
        <p className="mt-3 text-lg text-slate-600">{t("audiences.subtitle")}</p>
      </div>
      <ul className="mt-12 grid gap-6 sm:grid-cols-2 lg:grid-cols-6">
        {AUDIENCES.map(({ key, icon, path }, index) => (
          <li
            key={key}
            // 2 wide cards then 3 narrow ones on large screens; the odd last card spans both columns on tablets.
            className={`flex flex-col rounded-[var(--radius-card)] border border-slate-200 bg-white p-6 shadow-[var(--shadow-card)] ${
              index < 2 ? "lg:col-span-3" : "lg:col-span-2"
            } ${index === AUDIENCES.length - 1 ? "sm:col-span-2 lg:col-span-2" : ""}`}
            data-testid={`audience-${key}`}
          >
            <div className="flex size-11 items-center justify-center rounded-xl bg-brand-50 text-brand-700 ring-1 ring-brand-100">
              <Icon name={icon} />
            </div>
            <h3 className="mt-5 text-lg font-semibold text-slate-900">{t(`audiences.${key}.title`)}</h3>
            <p className="mt-2 text-sm leading-6 text-slate-600">{t(`audiences.${key}.body`)}</p>
            <ul className="mt-4 space-y-2 text-sm text-slate-700">
              {(["p1", "p2", "p3"] as const).map((p) => (
                <li key={p} className="flex gap-2">
                  <Icon name="check" className="mt-0.5 size-4 shrink-0 text-brand-600" />
                  <span>{t(`audiences.${key}.${p}`)}</span>
                </li>
              ))}
            </ul>
            <Link
              href={localeHref(locale, path)}
              className="mt-6 inline-flex items-center gap-1.5 self-start rounded text-sm font-semibold text-brand-700 hover:text-brand-800"
            >
              {t(`audiences.${key}.cta`)}
              <Icon name="arrow" className="size-4" />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
