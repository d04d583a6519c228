import type { Db, PrismaClient } from "@/server/db";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { commitQuantity } from "@/server/modules/needs/quantities";
import { cancelJob, completeJob } from "@/server/jobs/queue";
import { notify } from "@/server/modules/notifications/notify";
import { assertSupplier, CONFLICT_MESSAGE, isOverlapViolation, loadOffer, lockResource, offerTitles } from "@/server/modules/offers/offer-access";
import { publishResourceOffer } from "@/server/modules/offers/offer-live";
import { dispatcherUserIds } from "@/server/modules/offers/offer-recipients";
import { offerNext } from "@/server/modules/offers/offer-next";
import { issueRequisitionOnAccept } from "@/server/modules/compensation/requisitions";
import { createOrderForAssignment } from "@/server/modules/orders/create-order";
import { enqueueOfferNext, offerNextKey, type OfferResult } from "@/server/modules/offers/send-offer";

/** How long the queued "offer the next candidate" of an expiry waits for the inline run before a worker takes it. */
const INLINE_NEXT_GRACE_MS = 30_000;

/**
 * Supplier accepts within the hold: OFFERED → ACCEPTED, the need's committed quantity +n and (divisible
 * stock) the resource's committed quantity +n — one transaction that first locks the resource row by id.
 * Unit resources are guarded by `assignment_no_overlap` (23P01 → CONFLICT); divisible stock by
 * committed ≤ total checked under the lock (and the CHECK constraint behind it).
 */
export async function acceptOffer(db: PrismaClient, actor: Actor, assignmentId: string): Promise<OfferResult> {
  const o = await loadOffer(db, assignmentId);
  assertSupplier(actor, o);
  // Read before the transaction: every statement inside it runs with the resource row locked.
  const dispatchers = await dispatcherUserIds(db, o.requesterOrgId);
  try {
    return await db.$transaction(async (tx) => {
      const res = await lockResource(tx, o.resourceId);
      const accepted = await tx.$queryRaw<{ holdExpiresAt: Date | null }[]>`
        UPDATE assignment SET status = 'ACCEPTED', accepted_at = now(), responded_at = now(), updated_at = now()
        WHERE id = ${o.id} AND status = 'OFFERED' AND (hold_expires_at IS NULL OR hold_expires_at > now())
        RETURNING hold_expires_at AS "holdExpiresAt"`;
      if (!accepted[0]) throw await notOpen(tx, o.id);
      if (o.unitIndex === null) {
        if (res.committedQuantity + o.quantity > res.totalQuantity) throw new AppError("CONFLICT", CONFLICT_MESSAGE);
        await tx.resource.update({ where: { id: o.resourceId }, data: { committedQuantity: { increment: o.quantity } }, select: { id: true } });
      }
      await commitQuantity(tx, o.needId, o.quantity);
      // A requisition's decision is evidence made at dispatch: issued with the acceptance, never afterwards.
      await issueRequisitionOnAccept(tx, o);
      // Paid need: its order with the quote as sent, in this same transaction. It never blocks the acceptance.
      if (o.paymentMode === "PAID") await createOrderForAssignment(tx, o.id);
      await cancelJob(tx, `offer.expire:${o.id}`);
      await recordAudit(tx, { actorId: actor.userId, orgId: o.supplierOrgId, action: "assignment.accept", entityType: "Assignment", entityId: o.id, data: { quantity: o.quantity } });
      await notify(tx, dispatchers, "offer.accepted", { assignmentId: o.id, needId: o.needId, incidentId: o.incidentId, ...offerTitles(o) });
      await publishResourceOffer(tx, o, "ACCEPTED");
      return { id: o.id, status: "ACCEPTED", holdExpiresAt: accepted[0].holdExpiresAt };
    }, CONTENDED_TX_OPTIONS);
  } catch (e) {
    if (isOverlapViolation(e)) throw new AppError("CONFLICT", CONFLICT_MESSAGE);
    throw e;
  }
}

/** Why an offer could not be accepted (read only when it could not): answered meanwhile, or its hold ran out. */
async function notOpen(tx: Db, id: string): Promise<AppError> {
  const cur = await tx.assignment.findUniqueOrThrow({ where: { id }, select: { status: true } });
  if (cur.status !== "OFFERED") return new AppError("CONFLICT", `This offer is no longer open (it is ${cur.status}).`);
  return new AppError("CONFLICT", "The hold on this offer has expired; it can no longer be accepted.");
}

/** Supplier declines (with a reason): OFFERED → DECLINED, declinedCount +1, and the next candidate is queued. */
export async function declineOffer(db: PrismaClient, actor: Actor, assignmentId: string, reason: string): Promise<OfferResult> {
  const o = await loadOffer(db, assignmentId);
  assertSupplier(actor, o);
  const why = reason.trim();
  if (!why) throw new AppError("BAD_REQUEST", "Say why you decline.", { reason: ["errors.reasonRequired"] });
  const dispatchers = await dispatcherUserIds(db, o.requesterOrgId);
  return db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE assignment SET status = 'DECLINED', decline_reason = ${why.slice(0, 500)}, responded_at = now(), updated_at = now()
      WHERE id = ${o.id} AND status = 'OFFERED'`;
    if (n !== 1) throw new AppError("CONFLICT", "This offer is no longer open.");
    await tx.resource.update({ where: { id: o.resourceId }, data: { declinedCount: { increment: 1 } }, select: { id: true } });
    await cancelJob(tx, `offer.expire:${o.id}`);
    await enqueueOfferNext(tx, o.needId, o.id);
    await recordAudit(tx, { actorId: actor.userId, orgId: o.supplierOrgId, action: "assignment.decline", entityType: "Assignment", entityId: o.id, data: { reason: why } });
    await notify(tx, dispatchers, "offer.declined", { assignmentId: o.id, needId: o.needId, incidentId: o.incidentId, reason: why, ...offerTitles(o) });
    await publishResourceOffer(tx, o, "DECLINED");
    return { id: o.id, status: "DECLINED", holdExpiresAt: null };
  }, CONTENDED_TX_OPTIONS);
}

/**
 * The `offer.expire` job: OFFERED past its hold → EXPIRED, then the next candidate is offered. A no-op when
 * the offer was answered meanwhile (or the hold was extended). Returns whether it expired.
 */
export async function expireOffer(db: PrismaClient, assignmentId: string): Promise<boolean> {
  const expired = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ needId: string }[]>`
      UPDATE assignment SET status = 'EXPIRED', updated_at = now()
      WHERE id = ${assignmentId} AND status = 'OFFERED' AND hold_expires_at <= now()
      RETURNING need_id AS "needId"`;
    if (!rows[0]) return null;
    await recordAudit(tx, { actorId: null, action: "assignment.expire", entityType: "Assignment", entityId: assignmentId });
    await publishResourceOffer(tx, await loadOffer(tx, assignmentId), "EXPIRED");
    // Committed with the expiry: if this process dies (or the database goes) before the inline run below
    // finishes, the worker still offers the next candidate — a re-run of this expiry finds nothing to expire.
    await enqueueOfferNext(tx, rows[0].needId, assignmentId, new Date(Date.now() + INLINE_NEXT_GRACE_MS));
    return rows[0].needId;
  }, CONTENDED_TX_OPTIONS);
  if (!expired) return false;
  await offerNext(db, expired);
  await completeJob(db, offerNextKey(assignmentId));
  return true;
}
