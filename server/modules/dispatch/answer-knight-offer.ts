import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TKnightOfferResult } from "@/lib/schemas/dispatch";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { commitQuantity } from "@/server/modules/needs/quantities";
import { DISPATCH_CONFIG } from "@/server/modules/dispatch/dispatch-config";
import { isLiveNeed, lockDispatchNeed, openSlots, taskWindow } from "@/server/modules/dispatch/dispatch-need";
import { latestWave, publishDispatchUpdated } from "@/server/modules/dispatch/dispatch-status";
import { finishFilledDispatch, topUpOffers, type DispatchOptions } from "@/server/modules/dispatch/dispatch-waves";
import { dispatchTx } from "@/server/modules/dispatch/dispatch-tx";
import { startKnightTask } from "@/server/modules/knights/advance-knight-task";

/**
 * A knight answers an offer — in the app (knight.self) or through their delivery platform's API key.
 * Accept: first accept per slot wins. Under the need row lock the lowest free slot is taken, the offer
 * becomes ACCEPTED with that slot (the partial unique index offer_one_accept_per_slot is the database
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

export async function acceptKnightOffer(db: Db, actor: Actor, offerId: string, o: DispatchOptions = {}): Promise<TKnightOfferResult> {
  const now = o.now ?? new Date();
  const offer = await loadOfferForAnswer(db, actor, offerId);
  try {
    return await dispatchTx(db, async (tx) => {
      const need = await lockDispatchNeed(tx, offer.needId);
      const cur = await tx.offer.findUniqueOrThrow({ where: { id: offerId }, select: { status: true, expiresAt: true } });
      if (cur.status !== "PENDING") throw refusal(cur.status, need.status);
      if (cur.expiresAt <= now) throw new AppError("CONFLICT", EXPIRED_MESSAGE);
      if (!isLiveNeed(need)) throw refusal("WITHDRAWN", need.status);
      const taken = await tx.offer.findMany({ where: { needId: need.id, status: "ACCEPTED" }, select: { slotIndex: true } });
      const used = new Set(taken.map((t) => t.slotIndex));
      let slot = 0;
      while (used.has(slot)) slot++;
      if (slot >= need.quantity || openSlots(need) === 0) throw new AppError("CONFLICT", TAKEN_MESSAGE);

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
