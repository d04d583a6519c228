import type { z } from "zod";
import type { ZCostReport } from "@/lib/schemas/compensation";
import { evidencePhotoUrl, receiptUrl } from "@/lib/schemas/compensation";
import type { Locale } from "@/lib/i18n/config";
import type { Translator } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import type { NamespaceMessages } from "@/lib/i18n/catalogue";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatYuan } from "@/components/compensation/money";

type T = Translator<MessageKey<NamespaceMessages<"compensation">>>;
type Report = z.infer<typeof ZCostReport>;
const DESC_KEYS = ["rentHourly", "rentDaily", "operator", "standby", "fuel", "damage"];

/** Every cost line with its evidence (confirmations, photos, receipts), status and age; then totals and debts. */
export function CostReportTable({ report, locale, t }: { report: Report; locale: Locale; t: T }) {
  const y = (c: number) => formatYuan(locale, c);
  const totals = report.totals;
  return (
    <>
      <div className="overflow-x-auto rounded-[var(--radius-card)] border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm" data-testid="cost-report-table">
          <caption className="sr-only">{t("report.caption")}</caption>
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              {(["number", "supplier", "kind", "description", "amount", "status", "approved", "reason", "outstanding", "evidence"] as const).map((c) => (
                <th key={c} scope="col" className="px-3 py-2 font-medium">{t(`report.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.rows.map((r) => (
              <tr key={r.lineId} data-testid="cost-row" data-kind={r.kind} data-status={r.status}>
                <td className="px-3 py-2 whitespace-nowrap">{r.requisitionNumber ?? t(`mode.${r.mode as "PUBLIC_GOOD"}`)}</td>
                <td className="px-3 py-2">{r.supplierName}<br /><span className="text-slate-600">{r.resourceTitle}</span></td>
                <td className="px-3 py-2">{t(`claim.kinds.${r.kind as "RENT"}`)}</td>
                <td className="px-3 py-2">{r.fromEvidence && DESC_KEYS.includes(r.description) ? t(`claim.desc.${r.description as "fuel"}`) : r.description}{r.evidence.damageNote ? <><br /><span data-testid="row-damage-note">{r.evidence.damageNote}</span></> : null}</td>
                <td className="px-3 py-2 whitespace-nowrap">{y(r.amountCents)}</td>
                <td className="px-3 py-2">{t(`claim.lineStatus.${r.status as "PENDING"}`)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{y(r.approvedCents)}</td>
                <td className="px-3 py-2">{r.decisionReason ?? ""}</td>
                <td className="px-3 py-2 whitespace-nowrap">{r.outstandingDays === null ? t("report.settled") : t("report.days", { days: r.outstandingDays })}</td>
                <td className="px-3 py-2">
                  <ul className="space-y-0.5">
                    {r.evidence.handoverConfirmed ? <li>{t("report.handoverOk")}</li> : null}
                    {r.evidence.returnConfirmed ? <li>{t("report.returnOk")}</li> : null}
                    {[...r.evidence.handoverPhotoIds, ...r.evidence.returnPhotoIds].length > 0 ? (
                      <li>
                        {[...r.evidence.handoverPhotoIds, ...r.evidence.returnPhotoIds].map((p, i) => (
                          <a key={p} href={evidencePhotoUrl(p)} className="mr-1 text-brand-700 underline">{t("evidence.photoAlt", { stage: "", n: i + 1 })}</a>
                        ))}
                      </li>
                    ) : null}
                    {r.evidence.receiptIds.map((rc, i) => (
                      <li key={rc}><a href={receiptUrl(rc)} className="text-brand-700 underline" data-testid="row-receipt">{t("claim.receiptLink", { n: i + 1 })}</a></li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Card>
        <CardHeader title={t("report.totals.title")} headingLevel={2} />
        <CardBody>
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="report-totals">
            {(["claimed", "approved", "paid", "pending", "disputed", "donated", "outstanding"] as const).map((k) => (
              <div key={k}><dt className="text-slate-600">{t(`report.totals.${k}`)}</dt><dd className="font-medium">{y(totals[`${k}Cents`])}</dd></div>
            ))}
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("report.owed.title")} headingLevel={2} />
        <CardBody className="text-sm">
          {report.owed.length === 0 ? <p>{t("report.owed.none")}</p> : (
            <ul className="space-y-1" data-testid="report-owed">
              {report.owed.map((o) => <li key={`${o.kind}-${o.debtor}-${o.creditor}`}>{t(`report.owed.${o.kind}`, { debtor: o.debtor, creditor: o.creditor })}: <span className="font-medium">{y(o.cents)}</span></li>)}
            </ul>
          )}
        </CardBody>
      </Card>
    </>
  );
}
