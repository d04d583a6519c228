import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import type { OfferContext } from "@/server/modules/offers/offer-access";
import { preparePhoto } from "@/server/modules/knights/photos/prepare-photo";
import { rateCardInForce } from "@/server/modules/compensation/rate-cards";
import { formatRequisitionNumber, requireParty, type Party } from "@/server/modules/compensation/requisition-access";
import type { TConfirmEvidenceInput, TEvidencePhotoInput } from "@/lib/schemas/compensation";

/**
 * Evidence captured at dispatch, never afterwards: accepting an offer on a REIMBURSABLE need issues the
 * requisition decision (number, legal basis, parties, resource, and the rate card in force that moment);
 * mobilising opens the handover inventory and releasing opens the return record. Each record is confirmed
 * by both sides; whoever changes its text confirms it and clears the other side's confirmation, so both
 * always confirm the same words. Once both have confirmed, the record is closed.
 */

export const EVIDENCE_PHOTO_MAX = 8;

/** Inside acceptOffer's transaction: issues the decision when the need is a requisition. Idempotent. */
export async function issueRequisitionOnAccept(tx: Db, o: OfferContext, now = new Date()): Promise<string | null> {
  if (o.paymentMode !== "REIMBURSABLE") return null;
  const existing = await tx.requisition.findUnique({ where: { assignmentId: o.id }, select: { id: true } });
  if (existing) return existing.id;
  const res = await tx.resource.findUniqueOrThrow({ where: { id: o.resourceId }, select: { typeId: true } });
  // The decision is the requesting government's: the dispatcher who sent the offer signs it.
  const offered = await tx.auditEvent.findFirst({ where: { entityId: o.id, action: "assignment.offer" }, orderBy: { seq: "desc" }, select: { actorId: true } });
  const actorId = offered?.actorId ?? (await tx.incident.findUniqueOrThrow({ where: { id: o.incidentId }, select: { createdById: true } })).createdById;
  const card = await rateCardInForce(tx, res.typeId, now);
  const [{ seq }] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('requisition_number_seq') AS seq`;
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now));
  const row = await tx.requisition.create({
    data: {
      assignmentId: o.id, number: formatRequisitionNumber(year, Number(seq)), incidentId: o.incidentId, requesterOrgId: o.requesterOrgId,
      supplierOrgId: o.supplierOrgId, rateCardId: card?.id ?? null, decidedAt: now, decidedById: actorId,
    },
    select: { id: true, number: true },
  });
  await recordAudit(tx, { actorId, orgId: o.requesterOrgId, action: "requisition.issue", entityType: "Assignment", entityId: o.id, data: { number: row.number, rateCardId: card?.id ?? null } });
  return row.id;
}

/** Inside reportProgress's transaction: MOBILIZED opens the handover inventory, RELEASED the return record. */
export async function openEvidenceOnProgress(tx: Db, assignmentId: string, status: string): Promise<void> {
  if (status === "MOBILIZED") await tx.requisition.updateMany({ where: { assignmentId, handoverOpenedAt: null }, data: { handoverOpenedAt: new Date() } });
  if (status === "RELEASED") await tx.requisition.updateMany({ where: { assignmentId, returnOpenedAt: null }, data: { returnOpenedAt: new Date() } });
}

type Row = {
  id: string;
  handoverOpenedAt: Date | null; handoverNote: string | null; operatorCount: number;
  handoverSupplierAt: Date | null; handoverRequesterAt: Date | null;
  returnOpenedAt: Date | null; returnNote: string | null; damageNote: string | null; damageCents: number; kmDriven: number;
  returnSupplierAt: Date | null; returnRequesterAt: Date | null;
};

async function lockRequisition(tx: Db, assignmentId: string): Promise<Row> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM requisition WHERE assignment_id = ${assignmentId} FOR UPDATE`;
  if (!locked[0]) throw new AppError("NOT_FOUND", "This assignment has no requisition.");
  return tx.requisition.findUniqueOrThrow({
    where: { id: locked[0].id },
    select: {
      id: true, handoverOpenedAt: true, handoverNote: true, operatorCount: true, handoverSupplierAt: true, handoverRequesterAt: true,
      returnOpenedAt: true, returnNote: true, damageNote: true, damageCents: true, kmDriven: true, returnSupplierAt: true, returnRequesterAt: true,
    },
  });
}

const closed = () => new AppError("CONFLICT", "Both sides have confirmed this record; it can no longer change.", { stage: ["errors.evidenceClosed"] });
const notOpen = () => new AppError("CONFLICT", "This record opens with the lifecycle: the handover at mobilisation, the return at release.", { stage: ["errors.evidenceNotOpen"] });

/** What a confirmation would change in the record's text (only fields the stage owns). */
function changes(r: Row, i: TConfirmEvidenceInput): Record<string, string | number | null> {
  const want: Record<string, string | number | null | undefined> = i.stage === "HANDOVER"
    ? { handoverNote: i.note, operatorCount: i.operatorCount }
    : { returnNote: i.note, damageNote: i.damageNote, damageCents: i.damageCents, kmDriven: i.kmDriven };
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(want)) if (v !== undefined && v !== (r as unknown as Record<string, unknown>)[k]) out[k] = v;
  return out;
}

export async function confirmEvidence(db: Db, actor: Actor, input: TConfirmEvidenceInput): Promise<{ stage: string; supplierConfirmed: boolean; requesterConfirmed: boolean }> {
  const { o, party } = await requireParty(db, actor, input.assignmentId);
  return inTransaction(db, async (tx) => {
    const r = await lockRequisition(tx, o.id);
    const h = input.stage === "HANDOVER";
    if (h ? !r.handoverOpenedAt : !r.returnOpenedAt) throw notOpen();
    if (!h && !(r.handoverSupplierAt && r.handoverRequesterAt)) {
      throw new AppError("CONFLICT", "Both sides confirm the handover before the return.", { stage: ["errors.handoverFirst"] });
    }
    const [sAt, rAt] = h ? [r.handoverSupplierAt, r.handoverRequesterAt] : [r.returnSupplierAt, r.returnRequesterAt];
    const diff = changes(r, input);
    const changed = Object.keys(diff).length > 0;
    if (sAt && rAt) {
      if (changed) throw closed();
      return { stage: input.stage, supplierConfirmed: true, requesterConfirmed: true };
    }
    const now = new Date();
    const p = h ? "handover" : "return";
    const mine: Party = party;
    const data: Record<string, unknown> = { ...diff };
    data[`${p}${mine === "SUPPLIER" ? "Supplier" : "Requester"}At`] = now;
    data[`${p}${mine === "SUPPLIER" ? "Supplier" : "Requester"}ById`] = actor.userId;
    if (changed) {
      // The other side confirmed other words: they confirm again.
      data[`${p}${mine === "SUPPLIER" ? "Requester" : "Supplier"}At`] = null;
      data[`${p}${mine === "SUPPLIER" ? "Requester" : "Supplier"}ById`] = null;
    }
    await tx.requisition.update({ where: { id: r.id }, data, select: { id: true } });
    await recordAudit(tx, { actorId: actor.userId, orgId: mine === "SUPPLIER" ? o.supplierOrgId : o.requesterOrgId, action: `requisition.confirm${h ? "Handover" : "Return"}`, entityType: "Assignment", entityId: o.id, data: { party: mine, changed: Object.keys(diff) } });
    const supplierConfirmed = mine === "SUPPLIER" || (!changed && !!sAt);
    const requesterConfirmed = mine === "REQUESTER" || (!changed && !!rAt);
    return { stage: input.stage, supplierConfirmed, requesterConfirmed };
  });
}

const PHOTO_ERRORS = {
  photoTooLarge: "The photo is too large (at most 2 MB and 8000 px a side).",
  photoType: "Only JPEG, PNG or WebP photos can be added.",
  photoInvalid: "This file is not a readable photo.",
} as const;

/** A condition photo for the handover or the return, while that record is open and not yet confirmed by both. */
export async function addEvidencePhoto(db: Db, actor: Actor, input: TEvidencePhotoInput): Promise<{ id: string; stage: string; contentType: string; byteSize: number }> {
  const { o } = await requireParty(db, actor, input.assignmentId);
  const prepared = preparePhoto(Buffer.from(input.dataBase64, "base64"));
  if (!prepared.ok) throw new AppError("UNPROCESSABLE_CONTENT", PHOTO_ERRORS[prepared.error], { photo: [`errors.${prepared.error}`] });
  const p = prepared.photo;
  return inTransaction(db, async (tx) => {
    const r = await lockRequisition(tx, o.id);
    const h = input.stage === "HANDOVER";
    if (h ? !r.handoverOpenedAt : !r.returnOpenedAt) throw notOpen();
    if (h ? r.handoverSupplierAt && r.handoverRequesterAt : r.returnSupplierAt && r.returnRequesterAt) throw closed();
    const count = await tx.requisitionPhoto.count({ where: { requisitionId: r.id, stage: input.stage } });
    if (count >= EVIDENCE_PHOTO_MAX) throw new AppError("CONFLICT", `At most ${EVIDENCE_PHOTO_MAX} photos per record.`, { photo: ["errors.photoLimit"] });
    const row = await tx.requisitionPhoto.create({
      data: { requisitionId: r.id, stage: input.stage, uploaderId: actor.userId, contentType: p.contentType, byteSize: p.bytes.length, width: p.width, height: p.height, bytes: p.bytes },
      select: { id: true, stage: true, contentType: true, byteSize: true },
    });
    await recordAudit(tx, { actorId: actor.userId, action: "requisition.addPhoto", entityType: "Assignment", entityId: o.id, data: { photoId: row.id, stage: input.stage, metadataRemoved: p.removed } });
    return row;
  });
}
