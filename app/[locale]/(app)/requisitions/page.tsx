import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDateTime } from "@/lib/i18n/format";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { RecordCostForm } from "@/components/compensation/record-cost-form";
import { formatYuan } from "@/components/compensation/money";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "compensation");
  return { title: t("meta.list") };
}

/** Requisitions where the caller's organisation is either side, each linking to its decision and evidence. */
export default async function RequisitionsPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.requisitions));
  if (!can(actor.roles, "requisition.evidence")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "compensation");
  const caller = await getServerCaller();
  const items = await caller.compensation.requisitions();
  const publicGood = can(actor.roles, "compensation.claim") ? await caller.compensation.publicGoodAssignments() : [];
  return (
    <div data-testid="requisitions-page">
      <PageHeader title={t("list.title")} subtitle={t("list.subtitle")} />
      {items.length === 0 ? <EmptyState title={t("list.title")} description={t("list.empty")} action={{ href: localeHref(locale, paths.offers), label: t("notFound.back") }} /> : (
        <div className="overflow-x-auto rounded-[var(--radius-card)] border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("list.caption")}</caption>
            <thead className="bg-slate-50">
              <tr>{(["number", "incident", "resource", "requester", "status", "claim", "decidedAt"] as const).map((c) => <th key={c} scope="col" className="px-3 py-2 font-medium">{t(`list.${c}`)}</th>)}</tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((r) => (
                <tr key={r.assignmentId} data-testid="requisition-row">
                  <td className="px-3 py-2"><Link className="text-brand-700 underline" href={localeHref(locale, paths.requisition(r.assignmentId))}>{r.number}</Link></td>
                  <td className="px-3 py-2">{r.incidentTitle}</td>
                  <td className="px-3 py-2">{r.resourceTitle}</td>
                  <td className="px-3 py-2">{r.requesterName}</td>
                  <td className="px-3 py-2">{r.assignmentStatus}</td>
                  <td className="px-3 py-2">{r.claimStatus ? t(`claim.status.${r.claimStatus as "OPEN"}`) : t("list.noClaim")}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(locale, r.decidedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {publicGood.length > 0 ? (
        <Card className="mt-6" data-testid="public-good-costs">
          <CardHeader title={t("publicGood.title")} description={t("publicGood.subtitle")} headingLevel={2} />
          <CardBody>
            <ul className="divide-y divide-slate-100 text-sm">
              {publicGood.map((a) => (
                <li key={a.assignmentId} className="space-y-2 py-3">
                  <p><span className="font-medium">{a.resourceTitle}</span> · {a.needTitle} · {a.incidentTitle} · {t("publicGood.donated", { amount: formatYuan(locale, a.donatedCents) })}</p>
                  <RecordCostForm assignmentId={a.assignmentId} />
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
