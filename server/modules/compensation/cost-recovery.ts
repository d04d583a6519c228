import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { canApproveOrg, incidentScope } from "@/server/modules/incidents/access";
import { postJournal } from "@/server/modules/ledger/post-journal";
import type { TRecordRecoveryInput, TRecoveryStatus } from "@/lib/schemas/cost-recovery";

/**
 * Recovery from the unit responsible for the accident (Production Safety Accident Emergency Regulations
 * Art. 19): approved costs were posted as cost_recoverable from it (comp-journals.ts); what it pays back is a
 * `cost.recovered` journal (Dr incident_clearing[requester] / Cr cost_recoverable[unit]), so once it has paid
 * everything the recoverable side of the incident's clearing account is back to zero. Figures come from
 * the ledger only, per unit (a registered organisation, or a unit known by name: org null).
 */

/** Recoverable, recovered and still owed per responsible unit of the incident, and each repayment. */
export async function recoveryStatus(db: Db, incident: { id: string; responsibleUnitName: string | null }): Promise<TRecoveryStatus> {
  const sums = await db.$queryRaw<{ org_id: string | null; name: string | null; d: bigint; c: bigint }[]>`
    SELECT e.org_id, o.name, SUM(e.debit_cents)::bigint AS d, SUM(e.credit_cents)::bigint AS c
    FROM ledger_entry e LEFT JOIN organization o ON o.id = e.org_id
    WHERE e.incident_id = ${incident.id} AND e.account = 'cost_recoverable'
    GROUP BY e.org_id, o.name ORDER BY o.name NULLS LAST`;
  const units = sums.map((s) => {
    const recoverableCents = Number(s.d);
    const recoveredCents = Number(s.c);
    return { orgId: s.org_id, name: s.name ?? incident.responsibleUnitName ?? "", recoverableCents, recoveredCents, owedCents: recoverableCents - recoveredCents };
  });
  const journals = await db.ledgerJournal.findMany({
    where: { incidentId: incident.id, kind: "cost.recovered" },
    orderBy: { createdAt: "asc" },
    select: { id: true, createdAt: true, memo: true, entries: { where: { account: "cost_recoverable" }, select: { creditCents: true } } },
  });
  const payments = journals.map((j) => ({ journalId: j.id, at: j.createdAt, cents: j.entries.reduce((s, e) => s + e.creditCents, 0), reference: j.memo }));
  return { units, payments };
}

/**
 * A dispatcher of the incident's organisation records a repayment (partial allowed). The incident row is
 * locked so two concurrent repayments cannot together exceed what is owed.
 */
export async function recordRecovery(db: Db, actor: Actor, input: TRecordRecoveryInput): Promise<TRecoveryStatus> {
  const key = `cost.recovered:${input.incidentId}:${input.requestId ?? randomUUID()}`;
  return inTransaction(db, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM incident WHERE id = ${input.incidentId} FOR UPDATE`;
    const inc = rows[0]
      ? await tx.incident.findFirst({ where: { id: input.incidentId, ...incidentScope(actor) }, select: { id: true, orgId: true, responsibleOrgId: true, responsibleUnitName: true } })
      : null;
    if (!inc) throw new AppError("NOT_FOUND", "This incident does not exist or is not yours.");
    if (!canApproveOrg(actor, inc.orgId)) throw new AppError("FORBIDDEN", "Only a dispatcher of the incident's organisation records a repayment.");
    // A retried submit (same requestId): nothing new, the current figures.
    if (await tx.ledgerJournal.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) return recoveryStatus(tx, inc);
    if (!inc.responsibleOrgId && !inc.responsibleUnitName) {
      throw new AppError("CONFLICT", "Name the unit responsible for the accident first.", { incidentId: ["errors.noResponsibleUnit"] });
    }
    const before = await recoveryStatus(tx, inc);
    const unit = before.units.find((u) => u.orgId === inc.responsibleOrgId);
    const owed = unit?.owedCents ?? 0;
    if (owed <= 0) throw new AppError("CONFLICT", "Nothing is recoverable from this unit at the moment.", { amountCents: ["errors.nothingOwed"] });
    if (input.amountCents > owed) {
      throw new AppError("UNPROCESSABLE_CONTENT", `The amount is more than the unit still owes (${owed} fen).`, { amountCents: ["errors.overRecoverable"] });
    }
    await postJournal(tx, {
      kind: "cost.recovered", incidentId: inc.id, idempotencyKey: key, memo: input.reference || null,
      lines: [
        { account: "incident_clearing", orgId: inc.orgId, debitCents: input.amountCents },
        { account: "cost_recoverable", orgId: inc.responsibleOrgId, creditCents: input.amountCents },
      ],
    });
    await recordAudit(tx, {
      actorId: actor.userId, orgId: inc.orgId, action: "incident.costRecovered", entityType: "Incident", entityId: inc.id,
      data: { amountCents: input.amountCents, responsibleOrgId: inc.responsibleOrgId, reference: input.reference ?? null },
    });
    return recoveryStatus(tx, inc);
  });
}
