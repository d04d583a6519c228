import type { Metadata } from "next";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { paths } from "@/components/layout/routes";
import { loadKnightPage } from "@/components/knight/load-knight-page";
import { KnightHome } from "@/components/knight/knight-home";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "knightApp");
  return { title: t("meta.home") };
}

/** The knight app's home (the PWA's start_url): duty, live offers, tasks in progress. */
export default async function KnightHomePage({ params }: Props) {
  const { t, profile } = await loadKnightPage(params, paths.knightHome);
  if (!profile) return <EmptyState title={t("home.noProfileTitle")} description={t("home.noProfileBody")} data-testid="knight-no-profile" />;
  return <KnightHome initialProfile={profile} />;
}
