import type { Metadata } from "next";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { paths } from "@/components/layout/routes";
import { loadKnightPage } from "@/components/knight/load-knight-page";
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
  const { locale, t, profile } = await loadKnightPage(params, paths.knightStanding);
  return (
    <>
      <PageHeader title={t("standing.title")} subtitle={t("standing.subtitle")} />
      {profile ? (
        <StandingView districtName={localizedName(locale, profile.homeDistrict.nameZh, profile.homeDistrict.nameEn)} />
      ) : (
        <EmptyState title={t("home.noProfileTitle")} description={t("home.noProfileBody")} data-testid="knight-no-profile" />
      )}
    </>
  );
}
