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

/**
 * The latest wave and the offers pending at `now`, in one statement. Under the need lock, after the statement that
 * took it: what a transaction we waited for committed is visible only to a statement started after the wait.
 */
export async function readDispatchState(db: Db, needId: string, now: Date): Promise<{ last: WaveRow | null; pending: number }> {
  const rows = await db.$queryRaw<(Omit<WaveRow, "id"> & { id: string | null; pending: number })[]>`
    SELECT w.id, w.wave, w.radius_km AS "radiusKm", w.started_at AS "startedAt", w.ends_at AS "endsAt", w.closed_at AS "closedAt",
           w.close_reason AS "closeReason",
           (SELECT count(*)::int FROM offer o WHERE o.need_id = ${needId} AND o.status = 'PENDING' AND o.expires_at > ${now}::timestamptz) AS pending
    FROM (SELECT 1) one
    LEFT JOIN LATERAL (SELECT * FROM dispatch_wave WHERE need_id = ${needId} ORDER BY wave DESC LIMIT 1) w ON true`;
  const { pending, id, ...wave } = rows[0]!;
  return { last: id === null ? null : { id, ...wave }, pending };
}

/** What the caller already knows after its own writes (the latest wave, the pending offers): not read again. */
export type KnownDispatchState = { wave: Pick<WaveRow, "wave" | "radiusKm"> | null; pendingOffers: number };

/** Counts only: safe for the requester, the command centre and every subscriber of the need's topics. */
export async function dispatchStatus(db: Db, need: DispatchNeed, now: Date, known?: KnownDispatchState): Promise<TDispatchStatus> {
  return statusOf(need, known ?? { wave: await latestWave(db, need.id), pendingOffers: await pendingOfferCount(db, need.id, now) });
}

/** dispatchStatus from what the caller knows (nothing read). */
export function statusOf(need: DispatchNeed, known: KnownDispatchState): TDispatchStatus {
  return {
    needId: need.id,
    wave: known.wave?.wave ?? 0,
    radiusKm: known.wave?.radiusKm ?? null,
    slots: need.quantity,
    accepted: filledSlots(need),
    pendingOffers: known.pendingOffers,
    status: need.status,
    unmet: need.unmetReason !== null,
  };
}

/** The `dispatch.updated` events of a status: to the need, its incident and the command centre. */
export function dispatchUpdatedEvents(need: Pick<DispatchNeed, "id" | "incidentId">, status: TDispatchStatus): LiveEventInput[] {
  const data = { ...status };
  return [
    { topic: liveTopics.need(need.id), kind: "dispatch.updated", data },
    { topic: liveTopics.incident(need.incidentId), kind: "dispatch.updated", data },
    { topic: liveTopics.command(), kind: "dispatch.updated", data },
  ];
}

/** `dispatch.updated` to the need, its incident and the command centre (in the caller's transaction). */
export async function publishDispatchUpdated(db: Db, need: DispatchNeed, now: Date, known?: KnownDispatchState): Promise<TDispatchStatus> {
  const status = await dispatchStatus(db, need, now, known);
  await publishLive(db, dispatchUpdatedEvents(need, status));
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
