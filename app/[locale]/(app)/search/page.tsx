import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { env } from "@/lib/env";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { canWriteOrg } from "@/server/modules/incidents/access";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { SearchResults } from "@/components/search/search-results";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "search");
  return { title: t("meta.title") };
}

/** Search results over the whole exchange; the URL holds the query (components/search/search-url.ts). */
export default async function SearchPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.search));
  if (!can(actor.roles, "search.read")) redirect(localeHref(locale, paths.dashboard));
  const caller = await getServerCaller();
  const mayReadIncidents = can(actor.roles, "incident.read");
  const [t, regions, types, incidents] = await Promise.all([
    getT(locale, "search"),
    caller.listingBrowse.regions(),
    caller.catalogue.listTypes({}),
    mayReadIncidents ? caller.incident.list({ status: "ACTIVE", limit: 50 }) : Promise.resolve({ items: [] }),
  ]);
  // "post a need" goes to whoever may post one: a member of a verified government organisation
  const mayPostNeed = actor.memberships.some((m) => canWriteOrg(actor, m.orgId));
  const q = [(await searchParams).q].flat()[0]?.trim();
  return (
    <div data-testid="search-page">
      <PageHeader title={q ? t("page.titleFor", { q }) : t("page.title")} subtitle={t("page.subtitle")} />
      <Suspense>
        <SearchResults
          regions={regions.map((r) => ({ code: r.code, label: localizedName(locale, r.nameZh, r.nameEn) }))}
          types={types.items.map((ty) => ({ code: ty.code, label: localizedName(locale, ty.nameZh, ty.nameEn) }))}
          incidents={incidents.items.map((i) => ({ id: i.id, title: i.title, lat: i.lat, lng: i.lng }))}
          postNeedHref={mayPostNeed ? localeHref(locale, paths.newIncident) : null}
          tileUrl={env.MAP_TILE_URL}
          tileAttribution={env.MAP_TILE_ATTRIBUTION}
        />
      </Suspense>
    </div>
  );
}
