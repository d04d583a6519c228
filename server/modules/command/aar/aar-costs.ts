import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TPaymentMode } from "@/lib/schemas/needs";
import type { TAarCostLine, TAarCosts } from "@/lib/schemas/aar";
import { readableOrgIds } from "@/server/modules/incidents/access";
import { buildCostReport } from "@/server/modules/compensation/cost-report";

type Row = { kind: string; account: string; orgId: string | null; sellerOrgId: string | null; d: bigint | number; c: bigint | number };

const emptyLine = (orgId: string | null, mode: TPaymentMode): TAarCostLine => ({ orgId, name: "", mode, amountCents: 0, paidCents: 0, outstandingCents: 0, pendingCents: 0 });

/**
 * The report's costs, derived from the incident's ledger entries at read time (chart: ledger/accounts.ts):
 * - PAID: paid services per seller — charged = accepted − reduced − refunded; paid = settled − refunded;
 *   outstanding = what is still receivable from the buyer.
 * - REIMBURSABLE: requisition compensation per supplier — approved, paid, outstanding (approved − paid), and
 *   what is claimed but not yet decided (pending or disputed lines, from the compensation cost report).
 * - PUBLIC_GOOD: the in-kind value each supplier recorded as donated.
 * - Recoverable: approved costs owed back by the unit responsible for the accident, less what it repaid.
 * A reversal counts under the kind of the journal it reverses, with its sides swapped, so it nets out.
 * Money is shown to the readers of the compensation cost report only (the incident's organisation and
 * admins): other government readers of the region see that costs exist for them to ask about, not amounts.
 */
export async function loadAarCosts(db: Db, actor: Actor, incident: { id: string; orgId: string }): Promise<Omit<TAarCosts, "paymentModes">> {
  const readable = readableOrgIds(actor);
  if (readable !== null && !readable.includes(incident.orgId)) return { visible: false, bySupplier: [], totals: [], recoverable: null };
  const [rows, claims] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT COALESCE(orig.kind, j.kind) AS kind, e.account, e.org_id AS "orgId", o.seller_org_id AS "sellerOrgId",
        SUM(e.debit_cents)::bigint AS d, SUM(e.credit_cents)::bigint AS c
      FROM ledger_entry e JOIN ledger_journal j ON j.id = e.journal_id
      LEFT JOIN ledger_journal orig ON orig.id = j.reversal_of_id
      LEFT JOIN orders o ON o.id = e.order_id
      WHERE e.incident_id = ${incident.id} AND e.currency = 'CNY'
      GROUP BY 1, 2, 3, 4`,
    buildCostReport(db, actor, incident.id),
  ]);

  const lines = new Map<string, TAarCostLine>();
  const line = (orgId: string | null, mode: TPaymentMode) => {
    const key = `${mode}:${orgId ?? ""}`;
    if (!lines.has(key)) lines.set(key, emptyLine(orgId, mode));
    return lines.get(key)!;
  };
  let recoverable = 0;
  let recovered = 0;
  for (const r of rows) {
    const dc = Number(r.d) - Number(r.c);
    const seller = () => line(r.sellerOrgId, "PAID");
    if (r.account === "buyer_receivable") {
      if (r.kind === "order.accepted" || r.kind === "order.reduced") seller().amountCents += dc;
      // Money in, less card money returned because it was not owed (an order paid after its cancellation).
      if (r.kind === "order.paid" || r.kind === "order.invoice_settled" || r.kind === "order.excess_refund") seller().paidCents -= dc;
      seller().outstandingCents += dc;
    } else if (r.account === "incident_clearing" && r.kind === "order.refund") {
      seller().amountCents -= dc;
      seller().paidCents -= dc;
    } else if (r.account === "compensation_payable") {
      if (r.kind === "compensation.approved") line(r.orgId, "REIMBURSABLE").amountCents -= dc;
      if (r.kind === "compensation.paid") line(r.orgId, "REIMBURSABLE").paidCents += dc;
    } else if (r.account === "in_kind_donated") {
      line(r.orgId, "PUBLIC_GOOD").amountCents -= dc;
    } else if (r.account === "cost_recoverable") {
      if (r.kind === "cost.recoverable") recoverable += dc;
      if (r.kind === "cost.recovered") recovered -= dc;
    }
  }
  for (const l of lines.values()) if (l.mode === "REIMBURSABLE") l.outstandingCents = l.amountCents - l.paidCents;
  // Claimed but undecided: not in the ledger yet (nothing is owed until a line is approved).
  for (const r of claims.rows) {
    if (r.mode === "REIMBURSABLE" && (r.status === "PENDING" || r.status === "DISPUTED")) line(r.supplierOrgId, "REIMBURSABLE").pendingCents += r.amountCents;
  }

  const ids = [...new Set([...lines.values()].map((l) => l.orgId).filter((x): x is string => x !== null))];
  const names = new Map((await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  const MODE_ORDER: TPaymentMode[] = ["PAID", "REIMBURSABLE", "PUBLIC_GOOD"];
  const bySupplier = [...lines.values()]
    .filter((l) => l.amountCents || l.paidCents || l.outstandingCents || l.pendingCents)
    .map((l) => ({ ...l, name: l.orgId ? (names.get(l.orgId) ?? "") : "" }))
    .sort((a, b) => MODE_ORDER.indexOf(a.mode) - MODE_ORDER.indexOf(b.mode) || b.amountCents - a.amountCents || a.name.localeCompare(b.name));
  const totals = MODE_ORDER.map((mode) => {
    const t = emptyLine(null, mode);
    for (const l of bySupplier.filter((x) => x.mode === mode)) {
      t.amountCents += l.amountCents; t.paidCents += l.paidCents; t.outstandingCents += l.outstandingCents; t.pendingCents += l.pendingCents;
    }
    return t;
  });
  const unit = claims.incident.responsibleUnitName;
  return {
    visible: true,
    bySupplier,
    totals,
    recoverable: unit || recoverable ? { unitName: unit ?? "", recoverableCents: recoverable, recoveredCents: recovered, outstandingCents: recoverable - recovered } : null,
  };
}
