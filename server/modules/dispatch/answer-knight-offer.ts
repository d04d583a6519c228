import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TKnightOfferResult } from "@/lib/schemas/dispatch";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { commitQuantity } from "@/server/modules/needs/quantities";
import { DISPATCH_CONFIG } from "@/server/modules/dispatch/dispatch-config";
import { dispatchNeedSelect, isLiveNeed, lockDispatchNeed, openSlots, taskWindow } from "@/server/modules/dispatch/dispatch-need";
import { latestWave, publishDispatchUpdated } from "@/server/modules/dispatch/dispatch-status";
import { finishFilledDispatch, topUpOffers, type DispatchOptions } from "@/server/modules/dispatch/dispatch-waves";
import { dispatchTx } from "@/server/modules/dispatch/dispatch-tx";
import { startKnightTask } from "@/server/modules/knights/advance-knight-task";

/**
 * A knight answers an offer — in the app (knight.self) or through their delivery platform's API key.
 * Accept: first accept per slot wins. A lock-free precheck refuses most late answers; then the lowest free
 * place is claimed without waiting (claimSlot), so losers are refused at once instead of queueing on the
 * need row; the place holder locks the need row, the offer becomes ACCEPTED with that slot (the partial unique index offer_one_accept_per_slot is the database
 * backstop), an ACCEPTED assignment is created (assignment_knight_no_overlap forbids two overlapping live
 * tasks of one knight) and the need's committed quantity rises (refused beyond K). The last place filled
 * stands every other pending knight down, live. Losers get a clear CONFLICT.
 */

export const TAKEN_MESSAGE = "All places on this task are taken.";
export const WITHDRAWN_MESSAGE = "This offer was withdrawn.";
export const EXPIRED_MESSAGE = "This offer has expired.";
export const BUSY_MESSAGE = "You already have a task at that time.";

type OfferForAnswer = { id: string; needId: string; knightId: string; status: string; expiresAt: Date; sentAt: Date; wave: number };

/** The offer, if the caller answers for its knight: the knight themself, or their platform's API key. */
export async function loadOfferForAnswer(db: Db, actor: Actor, offerId: string): Promise<OfferForAnswer> {
  const offer = await db.offer.findUnique({
    where: { id: offerId },
    select: { id: true, needId: true, knightId: true, status: true, expiresAt: true, sentAt: true, wave: true, knight: { select: { userId: true, platformOrgId: true } } },
  });
  const platformVerified = actor.apiKey && actor.memberships.some((m) => m.orgId === actor.apiKey!.orgId && m.verification === "VERIFIED");
  const mine = offer && (actor.apiKey ? platformVerified && offer.knight.platformOrgId === actor.apiKey.orgId : offer.knight.userId === actor.userId);
  if (!offer || !mine) throw new AppError("NOT_FOUND", "This offer does not exist.");
  const { knight: _k, ...rest } = offer;
  return rest;
}

function refusal(status: string, needStatus: string): AppError {
  if (status === "ACCEPTED") return new AppError("CONFLICT", "You already accepted this offer.");
  if (status === "DECLINED") return new AppError("CONFLICT", "You declined this offer.");
  if (status === "EXPIRED") return new AppError("CONFLICT", EXPIRED_MESSAGE);
  if (needStatus === "FILLED") return new AppError("CONFLICT", TAKEN_MESSAGE);
  return new AppError("CONFLICT", WITHDRAWN_MESSAGE);
}

function violates(e: unknown, names: string[]): boolean {
  if (typeof e !== "object" || e === null) return false;
  let text = String((e as Error).message ?? "");
  try {
    text += JSON.stringify((e as { meta?: unknown }).meta ?? null) + JSON.stringify((e as { cause?: unknown }).cause ?? null);
  } catch {
    /* unserialisable cause: the message is enough */
  }
  return names.some((n) => text.includes(n));
}

/**
 * Claims the lowest free place of the need for this transaction without waiting: one non-blocking
 * transaction-scoped advisory lock per place (pg_try_advisory_xact_lock), taken in slot order, skipping places
 * already ACCEPTED. Every concurrent claimer of a place holds its lock until it commits or rolls back, so the
 * slot re-read under the lock is the truth. Null when every place is taken or being taken right now: the
 * loser is refused at once instead of queueing behind the winners (an in-flight claim that later rolls back
 * can cost a loser a place it might have had; the wave's top-up offers that place again).
 */
async function claimSlot(tx: Db, needId: string, quantity: number): Promise<number | null> {
  for (let attempt = 0; attempt < quantity; attempt++) {
    // The free places are listed (and sorted) in a MATERIALIZED CTE first, so the volatile try-lock cannot be
    // pushed down into that scan: it runs on one place after another and stops at the first it gets (LIMIT 1).
    const rows = await tx.$queryRaw<{ slot: number }[]>`
      WITH free AS MATERIALIZED (
        SELECT k FROM generate_series(0, ${quantity}::int - 1) AS k
        WHERE NOT EXISTS (SELECT 1 FROM offer WHERE need_id = ${needId} AND status = 'ACCEPTED' AND slot_index = k)
        ORDER BY k)
      SELECT k AS slot FROM free
      WHERE pg_try_advisory_xact_lock(hashtext('muster.knight-slot'), hashtext(${needId} || ':' || k))
      LIMIT 1`;
    const slot = rows[0]?.slot ?? null;
    if (slot === null) return null;
    // Locked: whoever held this place before us has finished; a fresh read says whether they won it.
    const won = await tx.offer.count({ where: { needId, status: "ACCEPTED", slotIndex: slot } });
    if (won === 0) return slot;
  }
  return null;
}

/** The offer and its need as they are now (no lock): most refusals need nothing more. */
async function precheck(db: Db, offerId: string, now: Date): Promise<{ quantity: number }> {
  const cur = await db.offer.findUniqueOrThrow({
    where: { id: offerId },
    select: { status: true, expiresAt: true, need: { select: dispatchNeedSelect } },
  });
  if (cur.status !== "PENDING") throw refusal(cur.status, cur.need.status);
  if (cur.expiresAt <= now) throw new AppError("CONFLICT", EXPIRED_MESSAGE);
  if (!isLiveNeed(cur.need)) throw refusal("WITHDRAWN", cur.need.status);
  if (openSlots(cur.need) === 0) throw new AppError("CONFLICT", TAKEN_MESSAGE);
  return { quantity: cur.need.quantity };
}

export async function acceptKnightOffer(db: Db, actor: Actor, offerId: string, o: DispatchOptions = {}): Promise<TKnightOfferResult> {
  const now = o.now ?? new Date();
  const offer = await loadOfferForAnswer(db, actor, offerId);
  const { quantity } = await precheck(db, offerId, now);
  try {
    return await dispatchTx(db, async (tx) => {
      const slot = await claimSlot(tx, offer.needId, quantity);
      if (slot === null) throw new AppError("CONFLICT", TAKEN_MESSAGE);
      // Only place holders get here (at most K at a time): the need row lock orders their quantity updates.
      const need = await lockDispatchNeed(tx, offer.needId);
      const cur = await tx.offer.findUniqueOrThrow({ where: { id: offerId }, select: { status: true, expiresAt: true } });
      if (cur.status !== "PENDING") throw refusal(cur.status, need.status);
      if (cur.expiresAt <= now) throw new AppError("CONFLICT", EXPIRED_MESSAGE);
      if (!isLiveNeed(need)) throw refusal("WITHDRAWN", need.status);
      if (openSlots(need) === 0) throw new AppError("CONFLICT", TAKEN_MESSAGE);

      const won = await tx.offer.updateMany({ where: { id: offerId, status: "PENDING" }, data: { status: "ACCEPTED", slotIndex: slot, respondedAt: now } });
      if (won.count !== 1) throw new AppError("CONFLICT", TAKEN_MESSAGE);
      const window = taskWindow(need, now);
      const assignment = await tx.assignment.create({
        data: {
          needId: need.id, knightId: offer.knightId, quantity: 1, status: "ACCEPTED", windowStart: window.start, windowEnd: window.end,
          unitIndex: null, offeredAt: offer.sentAt, respondedAt: now, acceptedAt: now,
        },
        select: { id: true },
      });
      await startKnightTask(tx, assignment.id, now);
      const q = await commitQuantity(tx, need.id, 1);
      Object.assign(need, { status: q.status, qtyCommitted: q.committed, qtyEnRoute: q.enRoute, qtyOnScene: q.onScene, qtyReleased: q.released });
      await publishLive(tx, [{ topic: liveTopics.knight(offer.knightId), kind: "offer.accepted", data: { offerId, needId: need.id, assignmentId: assignment.id } }]);
      let withdrawn = 0;
      if (openSlots(need) === 0) withdrawn = await finishFilledDispatch(tx, need.id, now);
      await recordAudit(tx, {
        actorId: actor.userId, orgId: actor.apiKey?.orgId ?? null, action: "knightOffer.accept", entityType: "Offer", entityId: offerId,
        data: { needId: need.id, assignmentId: assignment.id, slotIndex: slot, via: actor.via, withdrawn },
      });
      await publishDispatchUpdated(tx, need, now);
      return { offerId, needId: need.id, status: "ACCEPTED" as const, assignmentId: assignment.id, slotIndex: slot };
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    // Could not even start (every connection busy for maxWait): answer with the task's state, not a 500.
    if (violates(e, ["P2028"])) {
      await precheck(db, offerId, new Date());
      throw new AppError("CONFLICT", "Too many knights are answering this task at once. Try again in a moment.");
    }
    if (violates(e, ["assignment_knight_no_overlap", "23P01"])) throw new AppError("CONFLICT", BUSY_MESSAGE);
    if (violates(e, ["offer_one_accept_per_slot", "23505", "P2002"])) throw new AppError("CONFLICT", TAKEN_MESSAGE);
    throw e;
  }
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
