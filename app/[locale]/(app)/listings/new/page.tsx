import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { ListingFormLoader } from "@/components/listings/form/listing-form-page";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "listings");
  return { title: t("meta.new") };
}

export default async function NewListingPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.listingsNew));
  if (!can(actor.roles, "listing.write")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "listings");
  return (
    <>
      <PageHeader title={t("form.newTitle")} subtitle={t("form.subtitle")} />
      <ListingFormLoader locale={locale} />
    </>
  );
}
