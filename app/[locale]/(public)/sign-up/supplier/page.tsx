import type { Metadata } from "next";
import { getLocaleFromParams } from "@/lib/i18n/server";
import { SignUpShell, signUpMetadata } from "@/components/auth/sign-up-shell";
import { SignUpSupplierForm } from "@/components/auth/sign-up-supplier-form";
import { loadSignUpRegions } from "@/components/auth/sign-up-data";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return signUpMetadata(await getLocaleFromParams(params), "supplier");
}

export default async function SignUpSupplierPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const regions = await loadSignUpRegions();
  return (
    <SignUpShell locale={locale} kind="supplier">
      <SignUpSupplierForm regions={regions} />
    </SignUpShell>
  );
}
