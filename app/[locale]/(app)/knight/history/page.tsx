import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
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
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.knightHistory));
  if (!can(actor.roles, "knight.self")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "knightApp");
  const profile = await getServerCaller()
    .then((c) => c.knight.me())
    .catch(() => null);
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
