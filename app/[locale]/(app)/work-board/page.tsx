import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { WorkBoard } from "@/components/volunteers/work-board";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "volunteers");
  return { title: t("meta.title") };
}

/** Suppliers find work: open needs their listings could serve, and "offer to help". */
export default async function WorkBoardPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.workBoard));
  if (!can(actor.roles, "volunteer.offer")) redirect(localeHref(locale, paths.dashboard));
  const caller = await getServerCaller();
  const [t, regions, types] = await Promise.all([getT(locale, "volunteers"), caller.listingBrowse.regions(), caller.catalogue.listTypes({ active: true })]);
  return (
    <div data-testid="work-board-page">
      <PageHeader title={t("header.title")} subtitle={t("header.subtitle")} />
      <WorkBoard
        regions={regions.map((r) => ({ code: r.code, label: localizedName(locale, r.nameZh, r.nameEn), level: r.level }))}
        types={types.items.filter((ty) => ty.category !== "KNIGHT").map((ty) => ({ code: ty.code, label: localizedName(locale, ty.nameZh, ty.nameEn) }))}
        listingsNewHref={localeHref(locale, paths.listingsNew)}
        initialQ={[(await searchParams).q].flat()[0]?.trim().slice(0, 100) || undefined}
      />
    </div>
  );
}
