import type { Db } from "@/server/db";
import { postJournal } from "@/server/modules/ledger/post-journal";

/**
 * The compensation side of the ledger (chart: server/modules/ledger/accounts.ts). Every journal has an
 * idempotency key derived from the line or claim, so a retried request never posts twice.
 */

export async function postLineApproved(tx: Db, x: { lineId: string; incidentId: string; payerOrgId: string; supplierOrgId: string; cents: number }): Promise<void> {
  if (x.cents <= 0) return;
  await postJournal(tx, {
    kind: "compensation.approved", incidentId: x.incidentId, idempotencyKey: `compensation.approved:${x.lineId}`, memo: `claim line ${x.lineId}`,
    lines: [
      { account: "compensation_approved", orgId: x.payerOrgId, debitCents: x.cents },
      { account: "compensation_payable", orgId: x.supplierOrgId, creditCents: x.cents },
    ],
  });
}

/** The approved cost is owed back by the unit responsible for the accident (registered org, or by name only). */
export async function postCostRecoverable(tx: Db, x: { lineId: string; incidentId: string; responsibleOrgId: string | null; cents: number }): Promise<void> {
  if (x.cents <= 0) return;
  await postJournal(tx, {
    kind: "cost.recoverable", incidentId: x.incidentId, idempotencyKey: `cost.recoverable:${x.lineId}`, memo: `claim line ${x.lineId}`,
    lines: [
      { account: "cost_recoverable", orgId: x.responsibleOrgId, debitCents: x.cents },
      { account: "incident_clearing", creditCents: x.cents },
    ],
  });
}

export async function postClaimPaid(tx: Db, x: { claimId: string; incidentId: string; payerOrgId: string; supplierOrgId: string; cents: number }): Promise<void> {
  if (x.cents <= 0) return;
  await postJournal(tx, {
    kind: "compensation.paid", incidentId: x.incidentId, idempotencyKey: `compensation.paid:${x.claimId}`, memo: `claim ${x.claimId}`,
    lines: [
      { account: "compensation_payable", orgId: x.supplierOrgId, debitCents: x.cents },
      { account: "compensation_paid", orgId: x.payerOrgId, creditCents: x.cents },
    ],
  });
}

export async function postInKindDonated(tx: Db, x: { lineId: string; incidentId: string; supplierOrgId: string; cents: number }): Promise<void> {
  await postJournal(tx, {
    kind: "in_kind.donated", incidentId: x.incidentId, idempotencyKey: `in_kind.donated:${x.lineId}`, memo: `cost line ${x.lineId}`,
    lines: [
      { account: "in_kind_cost", debitCents: x.cents },
      { account: "in_kind_donated", orgId: x.supplierOrgId, creditCents: x.cents },
    ],
  });
}
