import type { Metadata } from "next";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { paths } from "@/components/layout/routes";
import { loadKnightPage } from "@/components/knight/load-knight-page";
import { PageHeader } from "@/components/layout/page-header";
import { TaskHistory } from "@/components/knight/task-history";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "knightApp");
  return { title: t("meta.history") };
}

/** The knight's finished tasks and the points they earned. */
export default async function KnightHistoryPage({ params }: Props) {
  const { t, profile } = await loadKnightPage(params, paths.knightHistory);
  return (
    <>
      <PageHeader title={t("history.title")} subtitle={t("history.subtitle")} />
      {profile ? (
        <TaskHistory points={profile.points} completed={profile.completedCount} />
      ) : (
        <EmptyState title={t("home.noProfileTitle")} description={t("home.noProfileBody")} data-testid="knight-no-profile" />
      )}
    </>
  );
}
