import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ApiKeysManager } from "@/components/auth/api-keys-manager";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "auth");
  return { title: t("meta.apiKeys") };
}

/** Organisation owners manage their organisation's API keys here (the procedures check it again). */
export default async function ApiKeysPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.apiKeys));
  const tk = await getT(locale, "apiKeys");
  const me = await (await getServerCaller()).auth.me();
  const orgs = me.memberships
    .filter((m) => m.role === "OWNER")
    .map((m) => ({ id: m.orgId, name: localizedName(locale, m.orgName, m.orgNameEn), kind: m.orgKind }));

  return (
    <>
      <PageHeader title={tk("title")} subtitle={tk("subtitle")} />
      {can(actor.roles, "apiKey.manage") && orgs.length > 0 ? (
        <ApiKeysManager orgs={orgs} />
      ) : (
        <EmptyState title={tk("noOrg")} data-testid="apikey-no-org" />
      )}
    </>
  );
}
