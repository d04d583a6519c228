import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { AdminPanel } from "@/components/dashboard/admin-panel";
import { KnightPanel } from "@/components/dashboard/knight-panel";
import { RequesterPanel } from "@/components/dashboard/requester-panel";
import { ExpertPanel, SupplierPanel } from "@/components/dashboard/supplier-panel";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "dashboard");
  return { title: t("meta.title") };
}

/** One panel per role the person holds (admin first); each panel's figures are scoped to them. */
export default async function DashboardPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.dashboard));
  const t = await getT(locale, "dashboard");

  if (!can(actor.roles, "dashboard.read")) {
    return (
      <>
        <PageHeader title={t("header.title")} />
        <EmptyState
          title={t("noRole.title")}
          description={t("noRole.body")}
          data-testid="dashboard-no-role"
        />
      </>
    );
  }

  const summary = await (await getServerCaller()).dashboard.summary();
  const name = summary.viewer.name || summary.viewer.email;
  return (
    <div data-testid="dashboard" data-roles={summary.roles.join(" ")}>
      <PageHeader
        title={name ? t("header.greeting", { name }) : t("header.greetingAnonymous")}
        subtitle={t("header.subtitle")}
      />
      <div className="space-y-12">
        {summary.admin ? <AdminPanel locale={locale} data={summary.admin} /> : null}
        {summary.requester ? <RequesterPanel locale={locale} data={summary.requester} /> : null}
        {summary.supplier ? <SupplierPanel locale={locale} data={summary.supplier} /> : null}
        {summary.expert ? <ExpertPanel locale={locale} data={summary.expert} /> : null}
        {summary.knight ? <KnightPanel locale={locale} data={summary.knight} /> : null}
      </div>
    </div>
  );
}
