import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { isSupplierOf } from "@/server/modules/offers/offer-access";
import { getClaim } from "@/server/modules/compensation/claim-read";
import { postInKindDonated } from "@/server/modules/compensation/comp-journals";
import { loadParties } from "@/server/modules/compensation/requisition-access";
import type { TClaimDto, TRecordCostInput } from "@/lib/schemas/compensation";

/**
 * Public-good needs are free, but what the supplier gave is still worth knowing: the supplier records its
 * costs (DONATED lines, never payable) for the incident's cost report, and each posts an in-kind journal.
 */

const RECORDABLE = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"];

export async function recordPublicGoodCost(db: Db, actor: Actor, input: TRecordCostInput): Promise<TClaimDto> {
  const o = await loadParties(db, actor, input.assignmentId);
  if (!isSupplierOf(actor, o) || !o.supplierOrgId) throw new AppError("FORBIDDEN", "Only the supplier organisation records its costs.");
  const supplierOrgId = o.supplierOrgId;
  const claimId = await inTransaction(db, async (tx) => {
    const a = await tx.assignment.findUniqueOrThrow({ where: { id: o.id }, select: { status: true, need: { select: { paymentMode: true } } } });
    if (a.need.paymentMode !== "PUBLIC_GOOD") throw new AppError("CONFLICT", "Costs are recorded this way only on public-good needs.", { claim: ["errors.notPublicGood"] });
    if (!RECORDABLE.includes(a.status)) throw new AppError("CONFLICT", "Costs are recorded once the offer was accepted.", { claim: ["errors.notAccepted"] });
    await tx.$queryRaw`SELECT id FROM assignment WHERE id = ${o.id} FOR UPDATE`;
    const claim =
      (await tx.compensationClaim.findUnique({ where: { assignmentId: o.id }, select: { id: true } })) ??
      (await tx.compensationClaim.create({
        data: { assignmentId: o.id, incidentId: o.incidentId, supplierOrgId, requesterOrgId: o.requesterOrgId, mode: "PUBLIC_GOOD", status: "FILED", filedAt: new Date(), createdById: actor.userId },
        select: { id: true },
      }));
    const line = await tx.claimLine.create({
      data: { claimId: claim.id, kind: input.kind, description: input.description, unitCents: input.amountCents, amountCents: input.amountCents, status: "DONATED", createdById: actor.userId },
      select: { id: true },
    });
    await postInKindDonated(tx, { lineId: line.id, incidentId: o.incidentId, supplierOrgId, cents: input.amountCents });
    await recordAudit(tx, { actorId: actor.userId, orgId: supplierOrgId, action: "claim.recordInKind", entityType: "CompensationClaim", entityId: claim.id, data: { lineId: line.id, amountCents: input.amountCents } });
    return claim.id;
  });
  return getClaim(db, actor, claimId);
}

export type PublicGoodAssignment = { assignmentId: string; needTitle: string; incidentTitle: string; resourceTitle: string; status: string; donatedCents: number };

/** The caller organisation's accepted public-good assignments, with what it has recorded as donated so far. */
export async function listPublicGoodAssignments(db: Db, actor: Actor): Promise<PublicGoodAssignment[]> {
  const orgs = actor.apiKey ? [actor.apiKey.orgId] : actor.memberships.map((m) => m.orgId);
  const rows = await db.assignment.findMany({
    where: { status: { in: RECORDABLE as never }, need: { paymentMode: "PUBLIC_GOOD" }, resource: { ownerOrgId: { in: orgs } } },
    orderBy: { acceptedAt: "desc" },
    take: 100,
    select: {
      id: true, status: true,
      need: { select: { title: true, incident: { select: { title: true } } } },
      resource: { select: { title: true } },
      claim: { select: { lines: { where: { status: "DONATED" }, select: { amountCents: true } } } },
    },
  });
  return rows.map((a) => ({
    assignmentId: a.id, needTitle: a.need.title, incidentTitle: a.need.incident.title, resourceTitle: a.resource?.title ?? "", status: a.status,
    donatedCents: a.claim?.lines.reduce((s, l) => s + l.amountCents, 0) ?? 0,
  }));
}
