import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { ListingFormLoader } from "@/components/listings/form/listing-form-page";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "listings");
  return { title: t("meta.edit") };
}

/** The owner's edit form; someone else's (or a missing) listing is a 404. */
export default async function EditListingPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id } = await params;
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, `${paths.listings}/${id}/edit`));
  if (!can(actor.roles, "listing.write")) redirect(localeHref(locale, paths.dashboard));
  const listing = await (await getServerCaller()).listing.getForEdit({ id }).catch(() => null);
  if (!listing) notFound();
  const t = await getT(locale, "listings");
  return (
    <>
      <PageHeader title={t("form.editTitle")} subtitle={listing.title} />
      <ListingFormLoader locale={locale} listing={listing} justSaved={(await searchParams).saved === "1"} />
    </>
  );
}
