import type { Db } from "@/server/db";
import type { TDispatchStatus } from "@/lib/schemas/dispatch";
import { publishLive, type LiveEventInput } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { filledSlots, type DispatchNeed } from "@/server/modules/dispatch/dispatch-need";

/** The latest wave of a need's dispatch (running when closedAt is null). */
export async function latestWave(db: Db, needId: string) {
  return db.dispatchWave.findFirst({
    where: { needId },
    orderBy: { wave: "desc" },
    select: { id: true, wave: true, radiusKm: true, startedAt: true, endsAt: true, closedAt: true, closeReason: true },
  });
}
export type WaveRow = NonNullable<Awaited<ReturnType<typeof latestWave>>>;

export async function pendingOfferCount(db: Db, needId: string, now: Date): Promise<number> {
  return db.offer.count({ where: { needId, status: "PENDING", expiresAt: { gt: now } } });
}

/** What the caller already knows after its own writes (the latest wave, the pending offers): not read again. */
export type KnownDispatchState = { wave: Pick<WaveRow, "wave" | "radiusKm"> | null; pendingOffers: number };

/** Counts only: safe for the requester, the command centre and every subscriber of the need's topics. */
export async function dispatchStatus(db: Db, need: DispatchNeed, now: Date, known?: KnownDispatchState): Promise<TDispatchStatus> {
  const wave = known ? known.wave : await latestWave(db, need.id);
  return {
    needId: need.id,
    wave: wave?.wave ?? 0,
    radiusKm: wave?.radiusKm ?? null,
    slots: need.quantity,
    accepted: filledSlots(need),
    pendingOffers: known ? known.pendingOffers : await pendingOfferCount(db, need.id, now),
    status: need.status,
    unmet: need.unmetReason !== null,
  };
}

/** `dispatch.updated` to the need, its incident and the command centre (in the caller's transaction). */
export async function publishDispatchUpdated(db: Db, need: DispatchNeed, now: Date, known?: KnownDispatchState): Promise<TDispatchStatus> {
  const status = await dispatchStatus(db, need, now, known);
  const data = { ...status };
  await publishLive(db, [
    { topic: liveTopics.need(need.id), kind: "dispatch.updated", data },
    { topic: liveTopics.incident(need.incidentId), kind: "dispatch.updated", data },
    { topic: liveTopics.command(), kind: "dispatch.updated", data },
  ]);
  return status;
}

export type WithdrawReason = "FILLED" | "CANCELLED" | "EXPIRED";

export function offerWithdrawnEvent(knightId: string, offerId: string, needId: string, reason: WithdrawReason): LiveEventInput {
  return { topic: liveTopics.knight(knightId), kind: "offer.withdrawn", data: { offerId, needId, reason } };
}

/**
 * Ends every PENDING offer of the need (optionally only those expired by `now`) with one event per knight:
 * FILLED / CANCELLED → WITHDRAWN ("stand down"), EXPIRED → EXPIRED. Returns how many ended.
 */
export async function endPendingOffers(db: Db, needId: string, reason: WithdrawReason, now: Date, onlyExpired = false): Promise<number> {
  const ended = await db.offer.updateManyAndReturn({
    where: { needId, status: "PENDING", ...(onlyExpired ? { expiresAt: { lte: now } } : {}) },
    data: { status: reason === "EXPIRED" ? "EXPIRED" : "WITHDRAWN" },
    select: { id: true, knightId: true },
  });
  await publishLive(db, ended.map((o) => offerWithdrawnEvent(o.knightId, o.id, needId, reason)));
  return ended.length;
}
