import type { Db, PrismaClient } from "@/server/db";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import type { AssignmentStatus } from "@/server/generated/prisma/enums";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { enqueueJob } from "@/server/jobs/queue";
import { notify } from "@/server/modules/notifications/notify";
import { assertDispatcher, CONFLICT_MESSAGE, isOverlapViolation, loadOffer, lockResource, offerTitles, type OfferContext } from "@/server/modules/offers/offer-access";
import { publishResourceOffer } from "@/server/modules/offers/offer-live";
import { supplierUserIds } from "@/server/modules/offers/offer-recipients";
import { snapshotQuotes } from "@/server/modules/orders/snapshot-quote";

export const DEFAULT_HOLD_MINUTES = 30;
export const OFFER_EXPIRE_QUEUE = "offer.expire";
export const OFFER_NEXT_QUEUE = "offer.next";

export type OfferResult = { id: string; status: AssignmentStatus; holdExpiresAt: Date | null };

/** Dispatcher sends a PROPOSED assignment as an offer: PROPOSED → OFFERED with a hold and an expiry timer. */
export async function offerAssignment(db: PrismaClient, actor: Actor, assignmentId: string, opts: { holdMinutes?: number } = {}): Promise<OfferResult> {
  const o = await loadOffer(db, assignmentId);
  assertDispatcher(actor, o);
  return sendOffer(db, o, actor.userId, opts.holdMinutes ?? DEFAULT_HOLD_MINUTES);
}

/**
 * The offer itself (also used by the system's "offer the next candidate"). OFFERED is a live status, so
 * the hold reserves the unit: the resource row is locked by id, then the guarded UPDATE either wins or
 * hits `assignment_no_overlap` (23P01) → CONFLICT with a clear message, the transaction rolled back.
 */
export async function sendOffer(db: PrismaClient, o: OfferContext, actorId: string | null, holdMinutes: number): Promise<OfferResult> {
  try {
    return await db.$transaction((tx) => sendOfferInTx(tx, o, actorId, holdMinutes), CONTENDED_TX_OPTIONS);
  } catch (e) {
    if (isOverlapViolation(e)) throw new AppError("CONFLICT", CONFLICT_MESSAGE);
    throw e;
  }
}

/** sendOffer's body inside the caller's transaction (a caller that also writes the row offers it atomically). */
export async function sendOfferInTx(tx: Db, o: OfferContext, actorId: string | null, holdMinutes: number): Promise<OfferResult> {
  if (!Number.isInteger(holdMinutes) || holdMinutes < 1 || holdMinutes > 24 * 60) {
    throw new AppError("BAD_REQUEST", "The hold time must be between 1 minute and 24 hours.", { holdMinutes: ["errors.holdMinutes"] });
  }
  const recipients = await supplierUserIds(tx, o); // before the lock: it needs none
  const res = await lockResource(tx, o.resourceId);
  if (res.status !== "AVAILABLE") throw new AppError("CONFLICT", "This resource is not available any more.");
  // The need's units are finite too: an older proposal (a second proposal run, a client's retry of one whose
  // answer was lost) must not put more units on offer than remain open. Serialised per need (resource, then
  // need: the order accepting takes them in).
  await tx.$queryRaw`SELECT id FROM need WHERE id = ${o.needId} FOR UPDATE`;
  if ((await openUnits(tx, o.needId)) < o.quantity) {
    throw new AppError("CONFLICT", "This need has no open units left to offer: it is filled or already on offer.");
  }
  const holdExpiresAt = new Date(Date.now() + holdMinutes * 60_000);
  const n = await tx.$executeRaw`
    UPDATE assignment SET status = 'OFFERED', offered_at = now(), hold_expires_at = ${holdExpiresAt}, updated_at = now()
    WHERE id = ${o.id} AND status = 'PROPOSED'`;
  if (n !== 1) throw new AppError("CONFLICT", "Only a proposed assignment can be offered; this one was already handled.");
  await tx.resource.update({ where: { id: o.resourceId }, data: { offeredCount: { increment: 1 } }, select: { id: true } });
  // Paid need: the quote the supplier answers is frozen now (unless the proposal already froze it).
  if (o.paymentMode === "PAID") await snapshotQuotes(tx, [o.id]);
  // a need flagged unmet by the matcher (nobody eligible / everyone declined) is being worked on again
  await tx.$executeRaw`
    UPDATE need SET unmet_reason = NULL, updated_at = now()
    WHERE id = ${o.needId} AND status IN ('OPEN', 'PARTIALLY_FILLED') AND unmet_reason IN ('ALL_BUSY', 'DECLINED')`;
  await enqueueJob(tx, { queue: OFFER_EXPIRE_QUEUE, payload: { assignmentId: o.id }, runAt: holdExpiresAt, key: `offer.expire:${o.id}` });
  await recordAudit(tx, { actorId, orgId: o.requesterOrgId, action: "assignment.offer", entityType: "Assignment", entityId: o.id, data: { holdMinutes, resourceId: o.resourceId } });
  await notify(tx, recipients, "offer.received", { assignmentId: o.id, needId: o.needId, holdExpiresAt: holdExpiresAt.toISOString(), ...offerTitles(o) });
  await publishResourceOffer(tx, o, "OFFERED", holdExpiresAt);
  return { id: o.id, status: "OFFERED", holdExpiresAt };
}

/** Units of the need not yet filled nor on hold in a live offer (one statement: it runs under the offer's locks). */
export async function openUnits(db: Db, needId: string): Promise<number> {
  const rows = await db.$queryRaw<{ open: number }[]>`
    SELECT (n.quantity - n.qty_committed - n.qty_en_route - n.qty_on_scene - n.qty_released
            - COALESCE((SELECT sum(a.quantity) FROM assignment a WHERE a.need_id = n.id AND a.status = 'OFFERED'), 0))::int AS open
    FROM need n WHERE n.id = ${needId} AND n.status IN ('OPEN', 'PARTIALLY_FILLED')`;
  return rows[0]?.open ?? 0;
}

/** The job key of "offer the next candidate" after an assignment was declined or expired: one per assignment. */
export const offerNextKey = (afterAssignmentId: string) => `offer.next:${afterAssignmentId}`;

/** Queue "offer the next candidate" for a need (inside the caller's transaction). */
export function enqueueOfferNext(tx: Db, needId: string, afterAssignmentId: string, runAt?: Date) {
  return enqueueJob(tx, { queue: OFFER_NEXT_QUEUE, payload: { needId }, key: offerNextKey(afterAssignmentId), runAt });
}

