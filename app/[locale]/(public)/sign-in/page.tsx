import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/components/auth/callback-url";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ callbackUrl?: string; error?: string; sent?: string; method?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "auth");
  return { title: t("meta.signIn") };
}

const URL_ERRORS = new Set(["AccessDenied", "Verification"]);

export default async function SignInPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(locale, sp.callbackUrl);
  const actor = await getServerActor().catch(() => null);
  if (actor?.via === "session") redirect(callbackUrl);

  const t = await getT(locale, "auth");
  // Auth.js sends people here with ?error=… when an emailed link fails, and ?sent=1 after requesting one.
  const urlError = sp.error ? t(URL_ERRORS.has(sp.error) ? `signIn.urlErrors.${sp.error}` : "signIn.urlErrors.default") : undefined;
  const notice = sp.sent ? t("signIn.linkSentNotice") : undefined;
  const initialTab = sp.error || sp.sent || sp.method === "email" ? "email" : "password";

  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{t("signIn.title")}</h1>
      <p className="mt-2 text-slate-600">{t("signIn.subtitle")}</p>
      <div className="mt-8 rounded-[var(--radius-card)] border border-slate-200 bg-white p-5 shadow-[var(--shadow-card)] sm:p-7">
        <SignInForm callbackUrl={callbackUrl} initialTab={initialTab} urlError={urlError} notice={notice} />
      </div>
      <p className="mt-6 text-center text-sm text-slate-600">
        {t("signIn.noAccount")}{" "}
        <Link href={`/${locale}/sign-up`} className="font-medium text-brand-700 hover:text-brand-800" data-testid="signin-signup-link">
          {t("signIn.signUpLink")}
        </Link>
      </p>
    </div>
  );
}
