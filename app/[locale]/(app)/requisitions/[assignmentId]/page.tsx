import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { formatDateTime } from "@/lib/i18n/format";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { errorCode } from "@/components/incidents/incident-access";
import { RequisitionDecision } from "@/components/compensation/requisition-decision";
import { EvidencePanel } from "@/components/compensation/evidence-panel";
import { ClaimPanel } from "@/components/compensation/claim-panel";
import { ReviewPanel } from "@/components/compensation/review-panel";
import { PrintButton } from "@/components/compensation/print-button";

type Props = { params: Promise<{ locale: string; assignmentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "compensation");
  return { title: t("meta.requisition") };
}

/**
 * One requisitioned resource: the printable decision (征用决定书), the handover inventory and return record
 * both sides confirm, the compensation claim and the reviews. Either side's members; others see "not found".
 */
export default async function RequisitionPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { assignmentId } = await params;
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, `/requisitions/${assignmentId}`));
  const t = await getT(locale, "compensation");
  const caller = await getServerCaller();
  const notFound = (
    <EmptyState title={t("notFound.title")} description={t("notFound.body")} action={{ href: localeHref(locale, paths.offers), label: t("notFound.back") }} data-testid="requisition-not-found" />
  );
  if (!can(actor.roles, "requisition.evidence")) return notFound;
  let r;
  try {
    r = await caller.compensation.requisition({ assignmentId });
  } catch (error) {
    if (["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(errorCode(error) ?? "")) return notFound;
    throw error;
  }
  const claim = can(actor.roles, "compensation.read") ? await caller.compensation.claimOfAssignment({ assignmentId }) : null;
  const reviews = await caller.compensation.reviews({ assignmentId });
  const returnClosed = !!(r.return.supplierConfirmedAt && r.return.requesterConfirmedAt);
  return (
    <div className="space-y-6" data-testid="requisition-page">
      <PageHeader title={`${t("decision.title")} ${r.number}`} subtitle={`${r.incident.title} · ${formatDateTime(locale, r.decidedAt)}`} actions={
          <>
            {r.myParty === "REQUESTER" ? <ButtonLink href={localeHref(locale, paths.costReport(r.incident.id))} variant="outline" size="sm" data-testid="open-cost-report">{t("list.report")}</ButtonLink> : null}
            <PrintButton label={t("decision.print")} />
          </>
        }
      />
      <RequisitionDecision r={r} locale={locale} t={t} />
      <EvidencePanel r={r} stage="HANDOVER" />
      <EvidencePanel r={r} stage="RETURN" />
      <ClaimPanel assignmentId={assignmentId} claim={claim} party={r.myParty} returnClosed={returnClosed} />
      {r.myParty ? <ReviewPanel assignmentId={assignmentId} party={r.myParty} released={r.assignmentStatus === "RELEASED"} reviews={reviews} /> : null}
    </div>
  );
}
