import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { KnightHome } from "@/components/knight/knight-home";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "knightApp");
  return { title: t("meta.home") };
}

/** The knight app's home (the PWA's start_url): duty, live offers, tasks in progress. */
export default async function KnightHomePage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.knightHome));
  if (!can(actor.roles, "knight.self")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "knightApp");
  const profile = await getServerCaller()
    .then((c) => c.knight.me())
    .catch(() => null);
  if (!profile) return <EmptyState title={t("home.noProfileTitle")} description={t("home.noProfileBody")} data-testid="knight-no-profile" />;
  return <KnightHome initialProfile={profile} />;
}
