import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { claimScope } from "@/server/modules/compensation/claim-read";
import { canReadParty } from "@/server/modules/compensation/requisition-access";
import { loadOffer } from "@/server/modules/offers/offer-access";

/**
 * Evidence photos and receipts, read back for the two sides only (and admins). Anyone else, and any unknown
 * id, gets null, which the routes answer with 404 — ids are never confirmed. Bytes are read only once the
 * caller is known to be allowed.
 */
export type EvidenceFile = { contentType: string; bytes: Uint8Array<ArrayBuffer> };

export async function readEvidencePhoto(db: Db, actor: Actor, photoId: string): Promise<EvidenceFile | null> {
  const meta = await db.requisitionPhoto.findUnique({ where: { id: photoId }, select: { requisition: { select: { assignmentId: true } } } });
  if (!meta) return null;
  const o = await loadOffer(db, meta.requisition.assignmentId).catch(() => null);
  if (!o || !canReadParty(actor, o)) return null;
  return db.requisitionPhoto.findUnique({ where: { id: photoId }, select: { contentType: true, bytes: true } });
}

export async function readReceipt(db: Db, actor: Actor, receiptId: string): Promise<EvidenceFile | null> {
  const admin = !actor.apiKey && actor.roles.includes("ADMIN");
  const row = await db.claimReceipt.findFirst({ where: { id: receiptId, ...(admin ? {} : { line: { claim: claimScope(actor) } }) }, select: { id: true } });
  if (!row) return null;
  return db.claimReceipt.findUnique({ where: { id: receiptId }, select: { contentType: true, bytes: true } });
}
