import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { isDispatcherOf, isSupplierOf } from "@/server/modules/offers/offer-access";
import { assembleLines } from "@/server/modules/compensation/assemble-lines";
import { approvedOf, claimScope, getClaim } from "@/server/modules/compensation/claim-read";
import { postClaimPaid, postCostRecoverable, postLineApproved } from "@/server/modules/compensation/comp-journals";
import { prepareReceipt, RECEIPT_ERROR_TEXT } from "@/server/modules/compensation/receipt-file";
import { loadParties } from "@/server/modules/compensation/requisition-access";
import { notifyClaimFiled, notifyClaimPaid, notifyLineDecided } from "@/server/modules/compensation/claim-notify";
import type { TAddClaimLineInput, TClaimDto, TDecideLineInput } from "@/lib/schemas/compensation";

/**
 * The supplier's compensation claim: assembled from the requisition's evidence (rate card in force at the
 * decision × lifecycle hours, km, damage), then the supplier adds lines with receipts and files it; the
 * requester approves, adjusts (with a reason) or disputes each line. Approved amounts become payable in the
 * ledger at once (and recoverable from the responsible unit when the incident names one); marking the claim
 * paid posts the payment. Money never holds up the response: none of this touches the assignment.
 */

const notFound = () => new AppError("NOT_FOUND", "This claim does not exist or is not yours.");

export async function assembleClaim(db: Db, actor: Actor, assignmentId: string): Promise<TClaimDto> {
  const o = await loadParties(db, actor, assignmentId);
  if (!isSupplierOf(actor, o) || !o.supplierOrgId) throw new AppError("FORBIDDEN", "Only the supplier organisation files a compensation claim.");
  const id = await inTransaction(db, async (tx) => {
    const req = await tx.requisition.findUnique({
      where: { assignmentId },
      select: {
        id: true, returnSupplierAt: true, returnRequesterAt: true, operatorCount: true, kmDriven: true, damageCents: true, damageNote: true,
        rateCard: { select: { rentUnit: true, rentCents: true, operatorCentsPerHour: true, fuelCentsPerKm: true } },
        assignment: { select: { mobilizedAt: true, enRouteAt: true, completedAt: true, releasedAt: true } },
      },
    });
    if (!req) throw new AppError("NOT_FOUND", "This assignment has no requisition.");
    if (!req.returnSupplierAt || !req.returnRequesterAt) {
      throw new AppError("CONFLICT", "The claim is assembled once both sides have confirmed the return.", { claim: ["errors.returnFirst"] });
    }
    await tx.$queryRaw`SELECT id FROM requisition WHERE id = ${req.id} FOR UPDATE`;
    const existing = await tx.compensationClaim.findUnique({ where: { assignmentId }, select: { id: true } });
    if (existing) return existing.id;
    const drafts = assembleLines(req.rateCard, req.assignment, req);
    const claim = await tx.compensationClaim.create({
      data: {
        assignmentId, incidentId: o.incidentId, supplierOrgId: o.supplierOrgId!, requesterOrgId: o.requesterOrgId, mode: "REIMBURSABLE", createdById: actor.userId,
        lines: { create: drafts.map((d) => ({ ...d, fromEvidence: true, createdById: actor.userId })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: actor.userId, orgId: o.supplierOrgId, action: "claim.assemble", entityType: "CompensationClaim", entityId: claim.id, data: { lines: drafts.length } });
    return claim.id;
  });
  return getClaim(db, actor, id);
}

/** The claim row locked, for a caller on the given side; NOT_FOUND for anyone outside both sides. */
async function lockClaim(tx: Db, actor: Actor, claimId: string, side: "supplier" | "requester") {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM compensation_claim WHERE id = ${claimId} FOR UPDATE`;
  if (!rows[0]) throw notFound();
  const c = await tx.compensationClaim.findFirst({
    where: { id: claimId, ...claimScope(actor) },
    select: { id: true, status: true, mode: true, incidentId: true, supplierOrgId: true, requesterOrgId: true, assignmentId: true },
  });
  if (!c) throw notFound();
  const ok = side === "supplier" ? isSupplierOf(actor, { supplierOrgId: c.supplierOrgId, supplierUserId: null }) : isDispatcherOf(actor, { requesterOrgId: c.requesterOrgId });
  if (!ok) throw new AppError("FORBIDDEN", side === "supplier" ? "Only the supplier may change its claim." : "Only a dispatcher of the requesting organisation decides a claim.");
  return c;
}

async function storeReceipt(tx: Db, actor: Actor, lineId: string, base64: string): Promise<void> {
  const prepared = prepareReceipt(Buffer.from(base64, "base64"));
  if (!prepared.ok) throw new AppError("UNPROCESSABLE_CONTENT", RECEIPT_ERROR_TEXT[prepared.error], { receipt: [`errors.${prepared.error}`] });
  const r = prepared.receipt;
  await tx.claimReceipt.create({ data: { lineId, uploaderId: actor.userId, contentType: r.contentType, byteSize: r.bytes.length, bytes: r.bytes }, select: { id: true } });
}

export async function addClaimLine(db: Db, actor: Actor, input: TAddClaimLineInput): Promise<TClaimDto> {
  await inTransaction(db, async (tx) => {
    const c = await lockClaim(tx, actor, input.id, "supplier");
    if (c.status === "PAID" || c.mode !== "REIMBURSABLE") throw new AppError("CONFLICT", "This claim is closed.", { claim: ["errors.claimClosed"] });
    const line = await tx.claimLine.create({
      data: { claimId: c.id, kind: input.kind, description: input.description, quantity: 1, unit: "item", unitCents: input.amountCents, amountCents: input.amountCents, createdById: actor.userId },
      select: { id: true },
    });
    if (input.receiptBase64) await storeReceipt(tx, actor, line.id, input.receiptBase64);
    await recordAudit(tx, { actorId: actor.userId, orgId: c.supplierOrgId, action: "claim.addLine", entityType: "CompensationClaim", entityId: c.id, data: { lineId: line.id, kind: input.kind, amountCents: input.amountCents } });
  });
  return getClaim(db, actor, input.id);
}

export async function addReceipt(db: Db, actor: Actor, input: { lineId: string; receiptBase64: string }): Promise<TClaimDto> {
  const line = await db.claimLine.findFirst({ where: { id: input.lineId, claim: claimScope(actor) }, select: { claimId: true } });
  if (!line) throw notFound();
  await inTransaction(db, async (tx) => {
    const c = await lockClaim(tx, actor, line.claimId, "supplier");
    const cur = await tx.claimLine.findUniqueOrThrow({ where: { id: input.lineId }, select: { status: true } });
    if (c.status === "PAID" || (cur.status !== "PENDING" && cur.status !== "DISPUTED")) throw new AppError("CONFLICT", "This line has been decided.", { receipt: ["errors.lineDecided"] });
    await storeReceipt(tx, actor, input.lineId, input.receiptBase64);
  });
  return getClaim(db, actor, line.claimId);
}

export async function fileClaim(db: Db, actor: Actor, claimId: string): Promise<TClaimDto> {
  await inTransaction(db, async (tx) => {
    const c = await lockClaim(tx, actor, claimId, "supplier");
    if (c.status !== "OPEN") throw new AppError("CONFLICT", "This claim has already been filed.");
    await tx.compensationClaim.update({ where: { id: c.id }, data: { status: "FILED", filedAt: new Date() }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.userId, orgId: c.supplierOrgId, action: "claim.file", entityType: "CompensationClaim", entityId: c.id });
    const claimed = await tx.claimLine.aggregate({ where: { claimId: c.id }, _sum: { amountCents: true } });
    await notifyClaimFiled(tx, c, claimed._sum.amountCents ?? 0);
  });
  return getClaim(db, actor, claimId);
}

/**
 * Approve, adjust or dispute one line. A pending or disputed line may be decided; an approved or adjusted one
 * is final (it is already payable in the ledger; a correction would be a reversing entry).
 */
export async function decideLine(db: Db, actor: Actor, input: TDecideLineInput): Promise<TClaimDto> {
  const line = await db.claimLine.findFirst({ where: { id: input.lineId, claim: claimScope(actor) }, select: { claimId: true } });
  if (!line) throw notFound();
  await inTransaction(db, async (tx) => {
    const c = await lockClaim(tx, actor, line.claimId, "requester");
    if (c.status !== "FILED") throw new AppError("CONFLICT", "Only a filed, unpaid claim is decided.", { claim: ["errors.claimNotFiled"] });
    const cur = await tx.claimLine.findUniqueOrThrow({ where: { id: input.lineId }, select: { status: true, amountCents: true, description: true } });
    if (cur.status !== "PENDING" && cur.status !== "DISPUTED") throw new AppError("CONFLICT", "This line has already been decided.", { decision: ["errors.lineDecided"] });
    const status = input.decision === "APPROVE" ? "APPROVED" : input.decision === "ADJUST" ? "ADJUSTED" : "DISPUTED";
    const approvedCents = status === "APPROVED" ? cur.amountCents : status === "ADJUSTED" ? input.approvedCents! : null;
    await tx.claimLine.update({
      where: { id: input.lineId },
      data: { status, approvedCents, decisionReason: input.reason ?? null, decidedById: actor.userId, decidedAt: new Date() },
      select: { id: true },
    });
    if (approvedCents !== null) {
      await postLineApproved(tx, { lineId: input.lineId, incidentId: c.incidentId, payerOrgId: c.requesterOrgId, supplierOrgId: c.supplierOrgId, cents: approvedCents });
      const inc = await tx.incident.findUniqueOrThrow({ where: { id: c.incidentId }, select: { responsibleOrgId: true, responsibleUnitName: true } });
      if (inc.responsibleOrgId || inc.responsibleUnitName) {
        await postCostRecoverable(tx, { lineId: input.lineId, incidentId: c.incidentId, responsibleOrgId: inc.responsibleOrgId, cents: approvedCents });
      }
    }
    await recordAudit(tx, { actorId: actor.userId, orgId: c.requesterOrgId, action: "claim.decideLine", entityType: "CompensationClaim", entityId: c.id, data: { lineId: input.lineId, status, approvedCents, reason: input.reason ?? null } });
    await notifyLineDecided(tx, c, { id: input.lineId, description: cur.description, status, amountCents: cur.amountCents, approvedCents, reason: input.reason ?? null });
  });
  return getClaim(db, actor, line.claimId);
}

/** The requester records that it paid the approved total (outside the platform: treasury transfer). */
export async function markClaimPaid(db: Db, actor: Actor, claimId: string): Promise<TClaimDto> {
  await inTransaction(db, async (tx) => {
    const c = await lockClaim(tx, actor, claimId, "requester");
    if (c.status !== "FILED") throw new AppError("CONFLICT", "Only a filed, unpaid claim can be marked paid.", { claim: ["errors.claimNotFiled"] });
    const lines = await tx.claimLine.findMany({ where: { claimId: c.id }, select: { status: true, approvedCents: true } });
    if (lines.some((l) => l.status === "PENDING")) throw new AppError("CONFLICT", "Decide every line before marking the claim paid.", { claim: ["errors.linesPending"] });
    const cents = lines.reduce((s, l) => s + approvedOf(l), 0);
    await tx.compensationClaim.update({ where: { id: c.id }, data: { status: "PAID", paidAt: new Date() }, select: { id: true } });
    await postClaimPaid(tx, { claimId: c.id, incidentId: c.incidentId, payerOrgId: c.requesterOrgId, supplierOrgId: c.supplierOrgId, cents });
    await recordAudit(tx, { actorId: actor.userId, orgId: c.requesterOrgId, action: "claim.paid", entityType: "CompensationClaim", entityId: c.id, data: { cents } });
    await notifyClaimPaid(tx, c, cents);
  });
  return getClaim(db, actor, claimId);
}
