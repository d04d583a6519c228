import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { StandingView } from "@/components/knight/standing-view";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "knightApp");
  return { title: t("meta.standing") };
}

/** Points, badges and the district leaderboard. */
export default async function KnightStandingPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.knightStanding));
  if (!can(actor.roles, "knight.self")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "knightApp");
  const profile = await getServerCaller()
    .then((c) => c.knight.me())
    .catch(() => null);
  return (
    <>
      <PageHeader title={t("standing.title")} subtitle={t("standing.subtitle")} />
      {profile ? (
        <StandingView districtName={locale === "en" ? profile.homeDistrict.nameEn : profile.homeDistrict.nameZh} />
      ) : (
        <EmptyState title={t("home.noProfileTitle")} description={t("home.noProfileBody")} data-testid="knight-no-profile" />
      )}
    </>
  );
}
