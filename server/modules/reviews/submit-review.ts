import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { inTransaction, uniqueViolationFields } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { isDispatcherOf, isSupplierOf } from "@/server/modules/offers/offer-access";
import { loadParties } from "@/server/modules/compensation/requisition-access";
import type { TReviewDto, TSubmitReviewInput } from "@/lib/schemas/reviews";

/**
 * After release, each side may review the other once: the requester rates the supplier's resource
 * (punctuality, condition, cooperation; the overall rating is their rounded mean) and the supplier rates
 * the requester. A requester review moves the resource's rating average and count in the same transaction,
 * which is what the matcher's reliability part reads (server/modules/matching/scoring/score-parts.ts).
 */

const SELECT = { id: true, assignmentId: true, side: true, rating: true, punctuality: true, condition: true, cooperation: true, comment: true, createdAt: true } as const;

const alreadyReviewed = () => new AppError("CONFLICT", "This side has already reviewed this assignment.", { review: ["errors.alreadyReviewed"] });

export async function submitReview(db: Db, actor: Actor, input: TSubmitReviewInput): Promise<TReviewDto> {
  const o = await loadParties(db, actor, input.assignmentId);
  const allowed = input.side === "REQUESTER" ? isDispatcherOf(actor, o) : isSupplierOf(actor, o);
  if (!allowed) throw new AppError("FORBIDDEN", input.side === "REQUESTER" ? "Only a dispatcher of the requesting organisation rates the resource." : "Only the supplier rates the requester.");
  const rating = input.side === "REQUESTER" ? Math.round((input.punctuality! + input.condition! + input.cooperation!) / 3) : input.rating!;
  try {
    return await inTransaction(db, async (tx) => {
      const a = await tx.assignment.findUniqueOrThrow({ where: { id: o.id }, select: { status: true } });
      if (a.status !== "RELEASED") throw new AppError("CONFLICT", "A review is written after the resource is released.", { review: ["errors.notReleased"] });
      // The unique index decides races; this check answers the ordinary repeat without a failed insert.
      if (await tx.review.findUnique({ where: { assignmentId_side: { assignmentId: o.id, side: input.side } }, select: { id: true } })) throw alreadyReviewed();
      const row = await tx.review.create({
        data: {
          assignmentId: o.id, side: input.side, authorId: actor.userId, rating, comment: input.comment || null,
          punctuality: input.side === "REQUESTER" ? input.punctuality! : null,
          condition: input.side === "REQUESTER" ? input.condition! : null,
          cooperation: input.side === "REQUESTER" ? input.cooperation! : null,
        },
        select: SELECT,
      });
      if (input.side === "REQUESTER") {
        // One statement: concurrent reviews of one resource cannot lose an update.
        await tx.$executeRaw`
          UPDATE resource SET rating_avg = (COALESCE(rating_avg, 0) * rating_count + ${rating}) / (rating_count + 1),
                              rating_count = rating_count + 1
          WHERE id = ${o.resourceId}`;
      }
      await recordAudit(tx, { actorId: actor.userId, orgId: input.side === "REQUESTER" ? o.requesterOrgId : o.supplierOrgId, action: "review.submit", entityType: "Assignment", entityId: o.id, data: { side: input.side, rating } });
      return row;
    });
  } catch (e) {
    if (uniqueViolationFields(e) !== null) throw alreadyReviewed();
    throw e;
  }
}

export async function listReviews(db: Db, actor: Actor, assignmentId: string): Promise<TReviewDto[]> {
  const o = await loadParties(db, actor, assignmentId);
  return db.review.findMany({ where: { assignmentId: o.id }, orderBy: { createdAt: "asc" }, select: SELECT });
}
