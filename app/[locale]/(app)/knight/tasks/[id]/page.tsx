import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { knightTaskPath } from "@/components/knight/knight-paths";
import { TaskScreen } from "@/components/knight/task-screen";

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "knightApp");
  return { title: t("meta.task") };
}

/** One of the knight's tasks. knightTask.task answers NOT_FOUND for a task that is not the caller's. */
export default async function KnightTaskPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id } = await params;
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, knightTaskPath(id)));
  if (!can(actor.roles, "knight.self")) redirect(localeHref(locale, paths.dashboard));
  return <TaskScreen assignmentId={id} tileUrl={env.MAP_TILE_URL} tileAttribution={env.MAP_TILE_ATTRIBUTION} />;
}
