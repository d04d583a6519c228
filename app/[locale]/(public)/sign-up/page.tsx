import type { Metadata } from "next";
import Link from "next/link";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { SignUpChoices } from "@/components/auth/sign-up-choices";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "auth");
  return { title: t("meta.signUp") };
}

export default async function SignUpPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const t = await getT(locale, "auth");
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-12 sm:py-16">
      <div className="max-w-2xl">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{t("signUp.title")}</h1>
        <p className="mt-2 text-slate-600">{t("signUp.subtitle")}</p>
      </div>
      <SignUpChoices locale={locale} />
      <p className="mt-8 text-sm text-slate-600">
        {t("signUp.haveAccount")}{" "}
        <Link href={`/${locale}/sign-in`} className="font-medium text-brand-700 hover:text-brand-800">
          {t("signUp.signInLink")}
        </Link>
      </p>
    </div>
  );
}
