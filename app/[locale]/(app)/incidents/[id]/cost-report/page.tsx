import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { errorCode } from "@/components/incidents/incident-access";
import { PrintButton } from "@/components/compensation/print-button";
import { CostReportTable } from "@/components/compensation/cost-report-table";
import { ResponsibleUnitForm } from "@/components/compensation/responsible-unit-form";
import { RecoveryPanel } from "@/components/compensation/recovery-panel";

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "compensation");
  return { title: t("meta.report") };
}

/** The incident's compensation and cost report (printable; CSV beside it), for the incident's organisation. */
export default async function CostReportPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id } = await params;
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, `/incidents/${id}/cost-report`));
  const t = await getT(locale, "compensation");
  const notFound = <EmptyState title={t("notFound.title")} description={t("notFound.body")} action={{ href: localeHref(locale, paths.incidents), label: t("notFound.back") }} data-testid="report-not-found" />;
  if (!can(actor.roles, "compensation.read")) return notFound;
  let report;
  try {
    report = await (await getServerCaller()).compensation.costReport({ incidentId: id });
  } catch (error) {
    if (["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(errorCode(error) ?? "")) return notFound;
    throw error;
  }
  return (
    <div className="space-y-6" data-testid="cost-report-page">
      <PageHeader
        title={t("report.title")}
        subtitle={t("report.subtitle", { incident: report.incident.title, org: report.incident.orgName })}
        actions={
          <>
            <ButtonLink href={`/api/compensation/cost-report/${encodeURIComponent(id)}?locale=${locale}`} variant="outline" size="sm" prefetch={false} data-testid="report-csv">{t("report.csv")}</ButtonLink>
            <PrintButton label={t("report.print")} />
          </>
        }
      />
      <ResponsibleUnitForm incidentId={id} current={report.incident.responsibleUnitName} canEdit={can(actor.roles, "compensation.decide")} />
      <RecoveryPanel incidentId={id} recovery={report.recovery} canEdit={can(actor.roles, "compensation.decide")} />
      {report.rows.length === 0 ? <EmptyState title={t("report.title")} description={t("report.empty")} data-testid="report-empty" /> : <CostReportTable report={report} locale={locale} t={t} />}
    </div>
  );
}
