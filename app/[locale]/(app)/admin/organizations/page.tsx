import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { PendingOrgsTable, type PendingOrgRow } from "@/components/admin/pending-orgs-table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "admin");
  return { title: t("orgs.metaTitle") };
}

/** Platform admins review organisations waiting for verification (oldest first). */
export default async function AdminOrganizationsPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.adminOrganizations));
  // Not an admin: the page does not exist for them (no hint that it does).
  if (!can(actor.roles, "org.verify")) redirect(localeHref(locale, paths.dashboard));

  const [t, tc, list] = await Promise.all([
    getT(locale, "admin"),
    getT(locale, "common"),
    getServerCaller().then((c) => c.org.listPending()),
  ]);
  const rows: PendingOrgRow[] = list.items.map((o) => ({
    id: o.id,
    name: localizedName(locale, o.name, o.nameEn),
    // the other language's name too: an admin checks the registered (Chinese) name against the credit code
    altName: o.nameEn ? (locale === "en" ? o.name : o.nameEn) : null,
    altLang: locale === "en" ? "zh-CN" : "en",
    kindLabel: tc(`orgKinds.${o.kind}`),
    regionLabel: localizedName(locale, o.region.nameZh, o.region.nameEn),
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    contactEmail: o.contactEmail,
    creditCode: o.unifiedSocialCreditCode,
    createdLabel: formatDateTime(locale, o.createdAt),
    createdIso: o.createdAt.toISOString(),
  }));

  return (
    <>
      <PageHeader
        title={t("orgs.title")}
        subtitle={t("orgs.subtitle")}
        actions={
          list.total > 0 ? (
            <Badge tone="warning" dot data-testid="pending-orgs-count">
              {t("orgs.count", { count: formatNumber(locale, list.total) })}
            </Badge>
          ) : null
        }
      />
      {rows.length === 0 ? (
        <EmptyState
          title={t("orgs.emptyTitle")}
          description={t("orgs.emptyBody")}
          action={{ href: localeHref(locale, paths.dashboard), label: t("orgs.emptyAction") }}
          data-testid="pending-orgs-empty"
        />
      ) : (
        <PendingOrgsTable rows={rows} caption={t("orgs.caption")} />
      )}
    </>
  );
}
