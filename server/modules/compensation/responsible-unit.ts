import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { canApproveOrg, incidentScope } from "@/server/modules/incidents/access";
import { postCostRecoverable } from "@/server/modules/compensation/comp-journals";
import type { TResponsibleUnitInput } from "@/lib/schemas/compensation";

/**
 * The unit responsible for the accident (事故责任单位, Production Safety Accident Emergency Regulations
 * Art. 19) bears the rescue costs: once named, every approved cost of the incident is recoverable from it
 * (already approved ones too — each line's journal has its own idempotency key). It can be named once costs
 * are recoverable only to the same unit: moving them would need reversing entries, which is not offered here.
 */
export async function setResponsibleUnit(db: Db, actor: Actor, input: TResponsibleUnitInput): Promise<{ incidentId: string; responsibleOrgId: string | null; responsibleUnitName: string | null }> {
  const orgId = input.orgId || null;
  let name = input.name?.trim() || null;
  return inTransaction(db, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM incident WHERE id = ${input.incidentId} FOR UPDATE`;
    const inc = rows[0] ? await tx.incident.findFirst({ where: { id: input.incidentId, ...incidentScope(actor) }, select: { id: true, orgId: true, responsibleOrgId: true, responsibleUnitName: true } }) : null;
    if (!inc) throw new AppError("NOT_FOUND", "This incident does not exist or is not yours.");
    if (!canApproveOrg(actor, inc.orgId)) throw new AppError("FORBIDDEN", "Only a dispatcher of the incident's organisation names the responsible unit.");
    if (orgId) {
      const org = await tx.organization.findUnique({ where: { id: orgId }, select: { name: true } });
      if (!org) throw new AppError("NOT_FOUND", "This organisation does not exist.", { orgId: ["errors.orgUnknown"] });
      name ??= org.name;
    }
    const posted = await tx.ledgerEntry.count({ where: { account: "cost_recoverable", incidentId: inc.id } });
    if (posted > 0 && (orgId !== inc.responsibleOrgId || (!orgId && name !== inc.responsibleUnitName))) {
      throw new AppError("CONFLICT", "Costs are already recoverable from the unit named before; it cannot be changed here.", { orgId: ["errors.unitLocked"] });
    }
    await tx.incident.update({ where: { id: inc.id }, data: { responsibleOrgId: orgId, responsibleUnitName: name }, select: { id: true } });
    if (orgId || name) {
      const approved = await tx.claimLine.findMany({ where: { claim: { incidentId: inc.id }, status: { in: ["APPROVED", "ADJUSTED"] } }, select: { id: true, approvedCents: true } });
      for (const l of approved) await postCostRecoverable(tx, { lineId: l.id, incidentId: inc.id, responsibleOrgId: orgId, cents: l.approvedCents ?? 0 });
    }
    await recordAudit(tx, { actorId: actor.userId, orgId: inc.orgId, action: "incident.responsibleUnit", entityType: "Incident", entityId: inc.id, data: { orgId, name } });
    return { incidentId: inc.id, responsibleOrgId: orgId, responsibleUnitName: name };
  });
}
