import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { loadSignUpRegions } from "@/components/auth/sign-up-data";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { CategoryTabs } from "@/components/catalogue/category-tabs";
import { InvitationsPanel } from "@/components/org/invitations-panel";
import { MembersTable } from "@/components/org/members-table";
import { OrgProfileForm } from "@/components/org/org-profile-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ org?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "org");
  return { title: t("metaTitle") };
}

/** "My organisation": profile, members and invitations of one of the caller's organisations. */
export default async function OrganizationPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.organization));
  const [t, tc] = await Promise.all([getT(locale, "org"), getT(locale, "common")]);
  const caller = await getServerCaller();
  const me = await caller.auth.me();
  if (!can(actor.roles, "org.read") || me.memberships.length === 0) {
    return (
      <>
        <PageHeader title={t("title")} />
        <EmptyState title={t("noOrgTitle")} description={t("noOrgBody")} action={{ href: localeHref(locale, paths.dashboard), label: t("noOrgAction") }} data-testid="org-none" />
      </>
    );
  }
  const wanted = [(await searchParams).org].flat()[0];
  const current = me.memberships.find((m) => m.orgId === wanted) ?? me.memberships[0];
  const [org, regions] = await Promise.all([caller.org.profile({ orgId: current.orgId }), loadSignUpRegions()]);
  const canEdit = org.myRole === "OWNER" || org.myRole === "DISPATCHER";
  const base = localeHref(locale, paths.organization);
  const orgName = (m: { orgName: string; orgNameEn: string | null }) => localizedName(locale, m.orgName, m.orgNameEn);
  const verificationTone = org.verification === "VERIFIED" ? "success" : org.verification === "REJECTED" ? "danger" : "warning";

  return (
    <>
      <PageHeader
        title={localizedName(locale, org.name, org.nameEn)}
        subtitle={t("subtitle")}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="info">{tc(`orgKinds.${org.kind}`)}</Badge>
            <Badge tone={verificationTone} dot data-testid="org-verification">{tc(`verification.${org.verification}`)}</Badge>
            <Badge tone="brand" data-testid="org-my-role">{t("myRole", { role: t(`roles.${org.myRole}`) })}</Badge>
          </div>
        }
      />
      {me.memberships.length > 1 ? (
        <div className="mb-6">
          <CategoryTabs
            label={t("chooseOrg")}
            items={me.memberships.map((m) => ({ key: m.orgId, label: orgName(m), href: `${base}?org=${m.orgId}`, active: m.orgId === org.id }))}
          />
        </div>
      ) : null}
      {org.verification === "REJECTED" && org.rejectionReason ? (
        <p className="mb-6 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{t("rejectedReason", { reason: org.rejectionReason })}</p>
      ) : null}
      <div className="space-y-8">
        <Card>
          <CardHeader title={t("profile.heading")} description={org.unifiedSocialCreditCode ? `${t("profile.creditCode")}: ${org.unifiedSocialCreditCode}` : undefined} />
          <CardBody>
            <OrgProfileForm key={org.id} org={org} regions={regions} canEdit={canEdit} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("members.heading")} />
          <MembersTable key={org.id} orgId={org.id} />
        </Card>
        <Card>
          <CardHeader title={t("invitations.heading")} description={t("invitations.description")} />
          <CardBody>
            <InvitationsPanel key={org.id} orgId={org.id} myRole={org.myRole} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
