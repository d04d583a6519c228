import type { Metadata } from "next";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerCaller } from "@/lib/trpc/server";
import { localeHref } from "@/components/layout/routes";
import { errorCode, RoleForbidden, requireIncidentReader } from "@/components/incidents/incident-access";
import { incidentPath, incidentsPath } from "@/components/incidents/incident-view";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { AarReport } from "@/components/command/aar/aar-report";
import { AarPrintButton } from "@/components/command/aar/aar-print-button";
import { incidentReportCsvHref, incidentReportPath, incidentReportPdfHref } from "@/components/command/aar/aar-paths";

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "aar");
  return { title: t("meta.title") };
}

/**
 * The incident's after-action report (HSEEP AAR/IP), printable (print styles drop the app chrome and the
 * controls) and the page the PDF export renders. Access: the page's own guard, then command.aar.get's rule.
 */
export default async function IncidentReportPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id } = await params;
  const actor = await requireIncidentReader(locale, incidentReportPath(id));
  if (!actor) return <RoleForbidden locale={locale} />;
  const t = await getT(locale, "aar");
  let report;
  try {
    report = await (await getServerCaller()).command.aar.get({ incidentId: id });
  } catch (error) {
    const code = errorCode(error);
    if (code === "NOT_FOUND" || code === "FORBIDDEN" || code === "BAD_REQUEST") {
      return (
        <EmptyState
          title={t("notFound.title")}
          description={t("notFound.body")}
          action={{ href: localeHref(locale, incidentsPath), label: t("notFound.back") }}
          data-testid="aar-not-found"
        />
      );
    }
    throw error;
  }
  return (
    <article className="space-y-6 print:text-[11pt]" data-testid="aar-page" data-incident-id={report.incident.id}>
      <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <p className="text-sm text-slate-600">{report.incident.title}</p>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("page.title")}</h1>
          <p className="max-w-3xl text-sm text-slate-600">{t("page.subtitle")}</p>
        </div>
        <div className="flex flex-wrap gap-2 print:hidden">
          <AarPrintButton />
          {/* Plain links: the handlers answer with a download (prefetching them would be wasted). */}
          <a href={incidentReportCsvHref(id, locale)} download className="inline-flex items-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50" data-testid="aar-csv">
            {t("page.csv")}
          </a>
          <a href={incidentReportPdfHref(id, locale)} className="inline-flex items-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50" data-testid="aar-pdf">
            {t("page.pdf")}
          </a>
          <ButtonLink href={localeHref(locale, incidentPath(id))} variant="ghost" size="sm">{t("page.back")}</ButtonLink>
        </div>
      </header>
      <AarReport report={report} locale={locale} />
    </article>
  );
}
