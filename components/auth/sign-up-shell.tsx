import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { localeHref, paths } from "@/components/layout/routes";

export type SignUpKind = "requester" | "supplier" | "expert" | "knight";

const META_KEY: Record<SignUpKind, string> = {
  requester: "meta.signUpRequester",
  supplier: "meta.signUpSupplier",
  expert: "meta.signUpExpert",
  knight: "meta.signUpKnight",
};

export async function signUpMetadata(locale: Locale, kind: SignUpKind): Promise<Metadata> {
  const t = await getT(locale, "auth");
  return { title: t(META_KEY[kind]) };
}

/** Page frame of the sign-up forms: a back link, the page's <h1>, the form in a card, a sign-in link. */
export async function SignUpShell({ locale, kind, children }: { locale: Locale; kind: SignUpKind; children: ReactNode }) {
  const t = await getT(locale, "auth");
  return (
    <div className="mx-auto w-full max-w-xl px-4 py-10 sm:py-14">
      <Link href={localeHref(locale, paths.signUp)} className="text-sm font-medium text-brand-700 hover:text-brand-800">
        ← {t("signUp.back")}
      </Link>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{t(`signUp.${kind}.title`)}</h1>
      <p className="mt-2 text-slate-600">{t(`signUp.${kind}.subtitle`)}</p>
      <div className="mt-8 rounded-[var(--radius-card)] border border-slate-200 bg-white p-5 shadow-[var(--shadow-card)] sm:p-7">
        {children}
      </div>
      <div className="mt-6 text-center text-sm text-slate-600">
        {t("signUp.haveAccount")}{" "}
        <Link href={localeHref(locale, paths.signIn)} className="font-medium text-brand-700 hover:text-brand-800">
          {t("signUp.signInLink")}
        </Link>
      </div>
    </div>
  );
}
