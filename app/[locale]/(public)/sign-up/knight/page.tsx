import type { Metadata } from "next";
import Link from "next/link";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { SignUpShell } from "@/components/auth/sign-up-shell";
import { SignUpKnightForm } from "@/components/auth/sign-up-knight-form";
import { loadSignUpRegions } from "@/components/auth/sign-up-data";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "auth");
  return { title: t("meta.signUpKnight") };
}

export default async function SignUpKnightPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const t = await getT(locale, "auth");
  const regions = await loadSignUpRegions();
  return (
    <SignUpShell
      title={t("signUp.knight.title")}
      subtitle={t("signUp.knight.subtitle")}
      backHref={`/${locale}/sign-up`}
      backLabel={t("signUp.back")}
      footer={
        <>
          {t("signUp.haveAccount")}{" "}
          <Link href={`/${locale}/sign-in`} className="font-medium text-brand-700 hover:text-brand-800">
            {t("signUp.signInLink")}
          </Link>
        </>
      }
    >
      <SignUpKnightForm regions={regions} />
    </SignUpShell>
  );
}
