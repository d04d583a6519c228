import type { Metadata } from "next";
import { getLocaleFromParams } from "@/lib/i18n/server";
import { SignUpShell, signUpMetadata } from "@/components/auth/sign-up-shell";
import { SignUpRequesterForm } from "@/components/auth/sign-up-requester-form";
import { loadGovernmentOrgOptions, loadSignUpRegions } from "@/components/auth/sign-up-data";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return signUpMetadata(await getLocaleFromParams(params), "requester");
}

export default async function SignUpRequesterPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const [regions, orgs] = await Promise.all([loadSignUpRegions(), loadGovernmentOrgOptions()]);
  return (
    <SignUpShell locale={locale} kind="requester">
      <SignUpRequesterForm regions={regions} orgs={orgs} />
    </SignUpShell>
  );
}
