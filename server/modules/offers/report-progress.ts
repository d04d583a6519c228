import type { PrismaClient } from "@/server/db";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { markEnRoute, markOnScene, markReleased, releaseCommitted } from "@/server/modules/needs/quantities";
import { notify } from "@/server/modules/notifications/notify";
import { assertDispatcher, assertSupplier, loadOffer, lockResource, offerTitles } from "@/server/modules/offers/offer-access";
import { publishResourceOffer } from "@/server/modules/offers/offer-live";
import { dispatcherUserIds, supplierUserIds } from "@/server/modules/offers/offer-recipients";
import { type OfferResult } from "@/server/modules/offers/send-offer";
import { openEvidenceOnProgress } from "@/server/modules/compensation/requisitions";

export const PROGRESS_STEPS = ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"] as const;
export type ProgressStatus = (typeof PROGRESS_STEPS)[number];

/** Which status each step must come from, and the timestamp column it sets. */
const STEP: Record<ProgressStatus, { from: string; column: string }> = {
  MOBILIZED: { from: "ACCEPTED", column: "mobilized_at" },
  EN_ROUTE: { from: "MOBILIZED", column: "en_route_at" },
  ON_SCENE: { from: "EN_ROUTE", column: "on_scene_at" },
  COMPLETED: { from: "ON_SCENE", column: "completed_at" },
  RELEASED: { from: "COMPLETED", column: "released_at" },
};

/**
 * Supplier reports the lifecycle, one step at a time. Need buckets move with it: EN_ROUTE committed → en
 * route, ON_SCENE en route → on scene, COMPLETED on scene → released (served; the unit is free again, so
 * divisible stock returns to the resource and completedCount +1). RELEASED closes the record.
 */
export async function reportProgress(db: PrismaClient, actor: Actor, assignmentId: string, status: ProgressStatus): Promise<OfferResult> {
  const o = await loadOffer(db, assignmentId);
  assertSupplier(actor, o);
  const step = STEP[status];
  if (!step) throw new AppError("BAD_REQUEST", "Unknown progress step.");
  const dispatchers = await dispatcherUserIds(db, o.requesterOrgId); // outside: the transaction may hold the resource row
  return db.$transaction(async (tx) => {
    if (status === "COMPLETED") await lockResource(tx, o.resourceId);
    const n = await tx.$executeRawUnsafe(
      `UPDATE assignment SET status = $1::assignment_status, ${step.column} = now(), updated_at = now() WHERE id = $2 AND status = $3::assignment_status`,
      status, o.id, step.from,
    );
    if (n !== 1) throw new AppError("CONFLICT", `Only an assignment that is ${step.from} can be marked ${status}.`);
    if (o.paymentMode === "REIMBURSABLE") await openEvidenceOnProgress(tx, o.id, status); // only requisitions have evidence
    if (status === "EN_ROUTE") await markEnRoute(tx, o.needId, o.quantity);
    if (status === "ON_SCENE") await markOnScene(tx, o.needId, o.quantity);
    if (status === "COMPLETED") {
      await markReleased(tx, o.needId, o.quantity);
      await tx.resource.update({
        where: { id: o.resourceId },
        data: { completedCount: { increment: 1 }, ...(o.unitIndex === null ? { committedQuantity: { decrement: o.quantity } } : {}) },
        select: { id: true },
      });
    }
    await recordAudit(tx, { actorId: actor.userId, orgId: o.supplierOrgId, action: "assignment.progress", entityType: "Assignment", entityId: o.id, data: { status } });
    await notify(tx, dispatchers, "assignment.progress", { assignmentId: o.id, needId: o.needId, incidentId: o.incidentId, status, ...offerTitles(o) });
    await publishResourceOffer(tx, o, status);
    return { id: o.id, status, holdExpiresAt: null };
  }, CONTENDED_TX_OPTIONS);
}

/** Dispatcher withdraws an offer or an accepted booking before mobilisation (units go back to unfilled). */
export async function cancelOffer(db: PrismaClient, actor: Actor, assignmentId: string): Promise<OfferResult> {
  const o = await loadOffer(db, assignmentId);
  assertDispatcher(actor, o);
  return db.$transaction(async (tx) => {
    await lockResource(tx, o.resourceId);
    const rows = await tx.$queryRaw<{ prev: string }[]>`
      UPDATE assignment a SET status = 'CANCELLED', updated_at = now()
      FROM (SELECT id, status::text AS prev FROM assignment WHERE id = ${o.id} FOR UPDATE) old
      WHERE a.id = old.id AND a.status IN ('PROPOSED', 'OFFERED', 'ACCEPTED')
      RETURNING old.prev AS prev`;
    if (!rows[0]) throw new AppError("CONFLICT", "Only a proposed, offered or accepted (not yet mobilised) assignment can be cancelled.");
    if (rows[0].prev === "ACCEPTED") {
      await releaseCommitted(tx, o.needId, o.quantity);
      if (o.unitIndex === null) {
        await tx.resource.update({ where: { id: o.resourceId }, data: { committedQuantity: { decrement: o.quantity } }, select: { id: true } });
      }
    }
    await tx.job.updateMany({ where: { key: `offer.expire:${o.id}`, doneAt: null }, data: { doneAt: new Date(), lastError: "cancelled" } });
    await recordAudit(tx, { actorId: actor.userId, orgId: o.requesterOrgId, action: "assignment.cancel", entityType: "Assignment", entityId: o.id, data: { from: rows[0].prev } });
    // a withdrawn proposal was never the supplier's business, nor on the incident's assignment list
    if (rows[0].prev !== "PROPOSED") {
      await notify(tx, await supplierUserIds(tx, o), "offer.cancelled", { assignmentId: o.id, needId: o.needId, ...offerTitles(o) });
      await publishResourceOffer(tx, o, "CANCELLED");
    }
    return { id: o.id, status: "CANCELLED", holdExpiresAt: null };
  }, CONTENDED_TX_OPTIONS);
}
