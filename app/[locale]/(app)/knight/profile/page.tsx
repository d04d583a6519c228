import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { loadSignUpRegions } from "@/components/auth/sign-up-data";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { KnightProfilePanel } from "@/components/knight/knight-profile-panel";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "knight");
  return { title: t("metaTitle") };
}

/** A knight's own profile: on-duty switch, vehicle and payload, home district, trainings. */
export default async function KnightProfilePage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.knightProfile));
  if (!can(actor.roles, "knight.self")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "knight");
  const [profile, regions] = await Promise.all([
    getServerCaller().then((c) => c.knight.me()).catch(() => null),
    loadSignUpRegions(),
  ]);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      {profile ? (
        <KnightProfilePanel initial={profile} districts={regions} />
      ) : (
        <EmptyState title={t("noProfileTitle")} description={t("noProfileBody")} data-testid="knight-no-profile" />
      )}
    </>
  );
}
