import type { Metadata } from "next";
import { getLocaleFromParams } from "@/lib/i18n/server";
import { SignUpShell, signUpMetadata } from "@/components/auth/sign-up-shell";
import { SignUpExpertForm } from "@/components/auth/sign-up-expert-form";
import { loadSignUpRegions } from "@/components/auth/sign-up-data";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return signUpMetadata(await getLocaleFromParams(params), "expert");
}

export default async function SignUpExpertPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const regions = await loadSignUpRegions();
  return (
    <SignUpShell locale={locale} kind="expert">
      <SignUpExpertForm regions={regions} />
    </SignUpShell>
  );
}
