import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { env } from "@/lib/env";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { BrowseView } from "@/components/listings/browse/browse-view";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "browse");
  return { title: t("metaTitle") };
}

/** Browse offered listings as a list and on a clustered map. */
export default async function BrowseListingsPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.browseListings));
  if (!can(actor.roles, "listing.read")) redirect(localeHref(locale, paths.dashboard));

  const caller = await getServerCaller();
  const [t, regions, types] = await Promise.all([getT(locale, "browse"), caller.listingBrowse.regions(), caller.catalogue.listTypes({ active: true })]);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Suspense>
        <BrowseView
          regions={regions.map((r) => ({ code: r.code, label: localizedName(locale, r.nameZh, r.nameEn), level: r.level }))}
          types={types.items
            .filter((ty) => ty.category !== "KNIGHT")
            .map((ty) => ({ code: ty.code, category: ty.category, label: localizedName(locale, ty.nameZh, ty.nameEn) }))}
          tileUrl={env.MAP_TILE_URL}
          tileAttribution={env.MAP_TILE_ATTRIBUTION}
        />
      </Suspense>
    </>
  );
}
