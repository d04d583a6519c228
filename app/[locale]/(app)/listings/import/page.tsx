import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { ImportWizard } from "@/components/listings/import/import-wizard";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "listings");
  return { title: t("meta.import") };
}

export default async function ImportListingsPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.listingsImport));
  if (!can(actor.roles, "listing.write")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "listings");
  return (
    <>
      <PageHeader title={t("import.title")} subtitle={t("import.subtitle")} />
      <ImportWizard listHref={localeHref(locale, paths.listings)} templateHref="/api/listings/import-template" />
    </>
  );
}
