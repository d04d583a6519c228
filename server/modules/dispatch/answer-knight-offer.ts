import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TKnightOfferResult } from "@/lib/schemas/dispatch";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { DISPATCH_CONFIG } from "@/server/modules/dispatch/dispatch-config";
import { isLiveNeed, lockDispatchNeed } from "@/server/modules/dispatch/dispatch-need";
import { latestWave, publishDispatchUpdated } from "@/server/modules/dispatch/dispatch-status";
import { topUpOffers, type DispatchOptions } from "@/server/modules/dispatch/dispatch-waves";
import { dispatchTx } from "@/server/modules/dispatch/dispatch-tx";
import { MicroBatcher } from "@/server/modules/dispatch/micro-batcher";
import { answersFor, refusal, settleAccepts, type AcceptAttempt } from "@/server/modules/dispatch/settle-accepts";

/**
 * A knight answers an offer — in the app (knight.self) or through their delivery platform's API key.
 * Accept: first accept per slot wins. Attempts go through this process's MicroBatcher into settleAccepts
 * (settle-accepts.ts): a lone accept is settled at once; a burst (hundreds of riders tapping the same offer)
 * is settled a batch at a time under the need row lock, winners in arrival order, everyone else refused at
 * once with a clear CONFLICT. The last place filled stands every other pending knight down, live.
 */

export { BUSY_MESSAGE, EXPIRED_MESSAGE, TAKEN_MESSAGE, WITHDRAWN_MESSAGE } from "@/server/modules/dispatch/settle-accepts";

type OfferForAnswer = { id: string; needId: string; knightId: string; status: string; expiresAt: Date; sentAt: Date; wave: number };

/** The offer, if the caller answers for its knight: the knight themself, or their platform's API key. */
export async function loadOfferForAnswer(db: Db, actor: Actor, offerId: string): Promise<OfferForAnswer> {
  const offer = await db.offer.findUnique({
    where: { id: offerId },
    select: { id: true, needId: true, knightId: true, status: true, expiresAt: true, sentAt: true, wave: true, knight: { select: { userId: true, platformOrgId: true } } },
  });
  if (!offer || !answersFor(actor, offer.knight)) throw new AppError("NOT_FOUND", "This offer does not exist.");
  const { knight: _k, ...rest } = offer;
  return rest;
}

/** One batcher per database client (tests run several); batching needs a client that can open transactions. */
const batchers = new WeakMap<object, MicroBatcher<AcceptAttempt, TKnightOfferResult>>();

export async function acceptKnightOffer(db: Db, actor: Actor, offerId: string, o: DispatchOptions = {}): Promise<TKnightOfferResult> {
  const attempt: AcceptAttempt = { actor, offerId, now: o.now ?? new Date() };
  if (!("$transaction" in db)) {
    // Inside the caller's transaction: settle this one attempt there.
    const [outcome] = await settleAccepts(db, [attempt]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  }
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new MicroBatcher((attempts) => settleAccepts(db, attempts))));
  return batcher.submit(attempt);
}

/**
 * Decline (reason optional): the offer is DECLINED, the knight's declined count rises, and the place passes
 * on at once — the running wave offers the next nearest eligible knight within its radius.
 */
export async function declineKnightOffer(db: Db, actor: Actor, offerId: string, reason?: string, o: DispatchOptions = {}): Promise<TKnightOfferResult> {
  const now = o.now ?? new Date();
  const cfg = o.config ?? DISPATCH_CONFIG;
  const offer = await loadOfferForAnswer(db, actor, offerId);
  return dispatchTx(db, async (tx) => {
    const need = await lockDispatchNeed(tx, offer.needId);
    const cur = await tx.offer.findUniqueOrThrow({ where: { id: offerId }, select: { status: true, expiresAt: true } });
    if (cur.status !== "PENDING") throw refusal(cur.status, need.status);
    await tx.offer.update({ where: { id: offerId }, data: { status: "DECLINED", respondedAt: now }, select: { id: true } });
    await tx.knightProfile.update({ where: { id: offer.knightId }, data: { declinedCount: { increment: 1 } }, select: { id: true } });
    const wave = await latestWave(tx, need.id);
    if (wave && !wave.closedAt && isLiveNeed(need)) await topUpOffers(tx, need, wave, now, cfg);
    await recordAudit(tx, {
      actorId: actor.userId, orgId: actor.apiKey?.orgId ?? null, action: "knightOffer.decline", entityType: "Offer", entityId: offerId,
      data: { needId: need.id, reason: reason?.trim() || null, via: actor.via },
    });
    await publishDispatchUpdated(tx, need, now);
    return { offerId, needId: need.id, status: "DECLINED" as const, assignmentId: null, slotIndex: null };
  });
}
