import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TDispatchStatus } from "@/lib/schemas/dispatch";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { cancelJob, enqueueJob } from "@/server/jobs/queue";
import { notify } from "@/server/modules/notifications/notify";
import { assertNoExactPosition, type LiveEventInput } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { dispatcherUserIds } from "@/server/modules/offers/offer-recipients";
import { DISPATCH_CONFIG, DISPATCH_WAVE_QUEUE, dispatchWaveKey, nextRadius, waveRadii, type DispatchConfig } from "@/server/modules/dispatch/dispatch-config";
import { filledSlots, isLiveNeed, lockDispatchNeed, lockDispatchNeedToStart, openSlots, readDispatchNeed, type DispatchNeed } from "@/server/modules/dispatch/dispatch-need";
import { distanceBand } from "@/server/modules/dispatch/distance-band";
import { findOfferableKnights } from "@/server/modules/dispatch/find-offerable-knights";
import { toActiveZones, type ActiveZone } from "@/server/modules/dispatch/hazard-filter";
import { offerNewData, writeWave } from "@/server/modules/dispatch/wave-write";
import {
  dispatchUpdatedEvents, endPendingOffers, latestWave, pendingOfferCount, publishDispatchUpdated, readDispatchState, statusOf, type KnownDispatchState, type WaveRow,
} from "@/server/modules/dispatch/dispatch-status";
import { newRowId } from "@/server/modules/dispatch/row-id";
import { assertDispatcherOf } from "@/server/modules/dispatch/dispatch-access";
import { readableOrgIds } from "@/server/modules/incidents/access";
import { dispatchTx } from "@/server/modules/dispatch/dispatch-tx";

/**
 * Knight dispatch in waves. A wave offers the task to the nearest eligible knights within its radius
 * (offersPerSlot × open slots, counting offers still pending) and lasts waveTimeoutSeconds; its timer is
 * a keyed row in the job queue (`dispatch-wave:<needId>`), so a restart loses nothing. When the timer
 * fires, the wave's unanswered offers expire and the next wave widens the radius (skipping every knight
 * offered before), until the last radius times out: then the unmet demand is recorded and the requesting
 * organisation notified. A wave that could offer nobody widens at once rather than idle out its timer.
 * Every step locks the need row first and publishes its live events in the same transaction.
 */

export type DispatchOptions = { now?: Date; config?: DispatchConfig };

const opts = (o: DispatchOptions) => ({ now: o.now ?? new Date(), cfg: o.config ?? DISPATCH_CONFIG });

/**
 * Offers the task to up to `want` knights: the offers and their `offer.new` events in one statement (the need
 * lock is held meanwhile, and every statement under it delays the answers queued behind).
 */
async function sendOffers(tx: Db, need: DispatchNeed, wave: WaveRow, want: number, now: Date, cfg: DispatchConfig): Promise<number> {
  const knights = await findOfferableKnights(tx, need, wave.radiusKm, want, now, cfg);
  if (knights.length === 0) return 0;
  const offers = knights.map((k) => ({ id: newRowId(), knightId: k.id, distanceBand: distanceBand(k.distanceM) }));
  const events = offers.map((o) => ({ topic: liveTopics.knight(o.knightId), kind: "offer.new", data: offerNewData(need, wave, o.id, o.distanceBand) }));
  assertNoExactPosition(events);
  await tx.$executeRaw`
    WITH sent AS (
      INSERT INTO offer (id, need_id, knight_id, wave, distance_band, status, sent_at, expires_at, updated_at)
      SELECT v.id, ${need.id}::text, v.knight_id, ${wave.wave}::int, v.band, 'PENDING'::offer_status, ${now}::timestamptz, ${wave.endsAt}::timestamptz, ${now}::timestamptz
      FROM unnest(${offers.map((o) => o.id)}::text[], ${offers.map((o) => o.knightId)}::text[], ${offers.map((o) => o.distanceBand)}::text[]) AS v(id, knight_id, band)
      RETURNING id
    )
    INSERT INTO live_event (topic, kind, data)
    SELECT e.topic, 'offer.new', e.data::jsonb
    FROM unnest(${events.map((e) => e.topic)}::text[], ${events.map((e) => JSON.stringify(e.data))}::text[]) WITH ORDINALITY AS e(topic, data, ord)
    WHERE (SELECT count(*) FROM sent) = ${offers.length}::int
    ORDER BY e.ord`;
  return offers.length;
}

/** Offers the running wave to more knights until offersPerSlot × open slots are pending. Returns how many were sent. */
export async function topUpOffers(tx: Db, need: DispatchNeed, wave: WaveRow, now: Date, cfg: DispatchConfig = DISPATCH_CONFIG): Promise<number> {
  if (openSlots(need) === 0) return 0;
  return (await topUp(tx, need, wave, now, cfg)).sent;
}

/** topUpOffers, also returning how many offers are pending afterwards (read once, before sending). */
async function topUp(tx: Db, need: DispatchNeed, wave: WaveRow, now: Date, cfg: DispatchConfig): Promise<{ sent: number; pending: number }> {
  const pending = await pendingOfferCount(tx, need.id, now);
  const want = openSlots(need) * cfg.offersPerSlot - pending;
  const sent = want > 0 ? await sendOffers(tx, need, wave, want, now, cfg) : 0;
  return { sent, pending: pending + sent };
}

async function closeWave(tx: Db, waveId: string, reason: "WIDENED" | "FILLED" | "UNMET" | "STOPPED", now: Date) {
  await tx.dispatchWave.update({ where: { id: waveId }, data: { closedAt: now, closeReason: reason }, select: { id: true } });
}

/** What the opener of the first wave already read, and the events to publish with it (see openWaves). */
type OpenWavesKnown = {
  pending?: number;
  zones?: readonly ActiveZone[];
  /** Published in the wave's own statement when it runs (returns true then); else the caller publishes. */
  publish?: (state: KnownDispatchState) => LiveEventInput[];
};

/**
 * Opens wave `waveNo` at `radiusKm` (widening at once past radii where nobody could be offered). Returns the
 * last wave opened and the offers pending after it, as dispatchStatus would read them. The candidates are read
 * first, then each wave is one statement (writeWave): a wave that could offer nobody is written closed.
 */
async function openWaves(
  tx: Db, need: DispatchNeed, waveNo: number, radiusKm: number, now: Date, cfg: DispatchConfig, known: OpenWavesKnown = {},
): Promise<KnownDispatchState & { published: boolean }> {
  let n = waveNo;
  let r = radiusKm;
  // Nothing is sent before a wave that runs, so the count read once holds for every radius tried.
  const pending = known.pending ?? (await pendingOfferCount(tx, need.id, now));
  for (;;) {
    const wave: WaveRow = { id: newRowId(), wave: n, radiusKm: r, startedAt: now, endsAt: new Date(now.getTime() + cfg.waveTimeoutSeconds * 1000), closedAt: null, closeReason: null };
    const want = openSlots(need) * cfg.offersPerSlot - pending;
    const knights = want > 0 ? await findOfferableKnights(tx, need, r, want, now, cfg, known.zones) : [];
    if (pending + knights.length > 0) {
      const state = { wave, pendingOffers: pending + knights.length };
      await writeWave(tx, need, wave, knights, known.publish?.(state));
      return { ...state, published: !!known.publish };
    }
    const next = nextRadius(r, need.maxDistanceKm, cfg);
    await writeWave(tx, need, { ...wave, closedAt: now, closeReason: next === null ? "UNMET" : "WIDENED" }, []);
    if (next === null) {
      await recordUnmet(tx, need, wave, now);
      return { wave, pendingOffers: 0, published: false };
    }
    n += 1;
    r = next;
  }
}

/**
 * The dispatch ended at its last radius with places open: unmet reason (nobody in range / everyone
 * declined / no answer or busy) with counts, on the need; the requesting organisation's dispatchers are
 * notified. The need stays open: a dispatcher may start again or close it.
 */
async function recordUnmet(tx: Db, need: DispatchNeed, wave: WaveRow, now: Date): Promise<void> {
  const groups = await tx.offer.groupBy({ by: ["status"], where: { needId: need.id }, _count: { _all: true } });
  const count = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
  const total = groups.reduce((n, g) => n + g._count._all, 0);
  const declined = count("DECLINED");
  const expired = count("EXPIRED");
  const reason = total === 0 ? "NO_SUPPLIER_IN_RANGE" : declined > 0 && expired === 0 ? "DECLINED" : "ALL_BUSY";
  const note =
    `Dispatch stopped at ${wave.radiusKm} km after wave ${wave.wave}: ${total} knights offered, ${declined} declined, ` +
    `${expired} did not answer; ${filledSlots(need)} of ${need.quantity} places filled.`;
  await tx.need.update({ where: { id: need.id }, data: { unmetReason: reason, unmetNote: note }, select: { id: true } });
  need.unmetReason = reason;
  await notify(tx, await dispatcherUserIds(tx, need.incident.orgId), "dispatch.unmet", {
    needId: need.id, incidentId: need.incidentId, title: need.title, reason, offered: total, at: now.toISOString(),
  });
  await recordAudit(tx, {
    actorId: null, orgId: need.incident.orgId, action: "dispatch.unmet", entityType: "Need", entityId: need.id,
    data: { reason, note, wave: wave.wave, radiusKm: wave.radiusKm },
  });
}

async function clearUnmet(tx: Db, need: DispatchNeed) {
  if (need.unmetReason === null) return;
  await tx.need.update({ where: { id: need.id }, data: { unmetReason: null, unmetNote: null }, select: { id: true } });
  need.unmetReason = null;
}

/**
 * Dispatcher starts (or, after an unmet end, restarts) the waves of a knight task at the first radius. Under the
 * need lock from its first statement (which also checks the caller's scope and reads the hazard zones): the
 * lock, the waves and pending offers, the candidates, then the wave with its offers, events, timer and
 * `dispatch.updated` in one statement, and the audit row (15 round trips before, 8 now).
 */
export async function startDispatch(db: Db, actor: Actor, needId: string, o: DispatchOptions = {}): Promise<TDispatchStatus> {
  const { now, cfg } = opts(o);
  return dispatchTx(db, async (tx) => {
    const { need, zoneRows } = await lockDispatchNeedToStart(tx, needId, readableOrgIds(actor));
    if (need.category !== "KNIGHT") throw new AppError("BAD_REQUEST", "Only knight tasks are dispatched to knights.");
    assertDispatcherOf(actor, need.incident.orgId);
    if (need.incident.status === "CLOSED") throw new AppError("CONFLICT", "This incident is closed.");
    if (!isLiveNeed(need)) throw new AppError("CONFLICT", `A ${need.status} task cannot be dispatched.`);
    if (openSlots(need) === 0) throw new AppError("CONFLICT", "Every place on this task is already taken.");
    const { last, pending } = await readDispatchState(tx, needId, now);
    if (last && !last.closedAt) throw new AppError("CONFLICT", "This task is already being dispatched.");
    await clearUnmet(tx, need);
    const opened = await openWaves(tx, need, (last?.wave ?? 0) + 1, waveRadii(need.maxDistanceKm, cfg)[0]!, now, cfg, {
      pending,
      zones: toActiveZones(zoneRows),
      publish: (state) => dispatchUpdatedEvents(need, statusOf(need, state)),
    });
    await recordAudit(tx, { actorId: actor.userId, orgId: need.incident.orgId, action: "dispatch.start", entityType: "Need", entityId: needId, data: { slots: openSlots(need) } });
    return opened.published ? statusOf(need, opened) : publishDispatchUpdated(tx, need, now, opened);
  });
}

export type WaveOutcome = "stale" | "early" | "widened" | "unmet" | "ended";

/**
 * The `dispatch.wave` job: wave `waveNo` timed out. A no-op for a stale timer (the wave was closed or
 * superseded); re-armed if it fired early. Otherwise the wave's unanswered offers expire and the next wave
 * widens the radius, or — at the last radius — the unmet demand is recorded.
 */
export async function runDispatchWave(db: Db, needId: string, waveNo: number, o: DispatchOptions = {}): Promise<WaveOutcome> {
  const { now, cfg } = opts(o);
  return dispatchTx(db, async (tx) => {
    const need = await lockDispatchNeed(tx, needId);
    const cur = await latestWave(tx, needId);
    if (!cur || cur.wave !== waveNo || cur.closedAt) return "stale";
    if (now < cur.endsAt) {
      await enqueueJob(tx, { queue: DISPATCH_WAVE_QUEUE, payload: { needId, wave: waveNo }, runAt: cur.endsAt, key: dispatchWaveKey(needId) });
      return "early";
    }
    await endPendingOffers(tx, needId, "EXPIRED", now, true);
    let outcome: WaveOutcome;
    if (openSlots(need) === 0) {
      if (!isLiveNeed(need)) await endPendingOffers(tx, needId, "CANCELLED", now);
      await closeWave(tx, cur.id, isLiveNeed(need) || need.status === "FILLED" ? "FILLED" : "STOPPED", now);
      outcome = "ended";
    } else {
      const next = nextRadius(cur.radiusKm, need.maxDistanceKm, cfg);
      if (next === null) {
        await closeWave(tx, cur.id, "UNMET", now);
        await recordUnmet(tx, need, cur, now);
        outcome = "unmet";
      } else {
        await closeWave(tx, cur.id, "WIDENED", now);
        await openWaves(tx, need, cur.wave + 1, next, now, cfg);
        outcome = "widened";
      }
    }
    await publishDispatchUpdated(tx, need, now);
    return outcome;
  });
}

/**
 * A place came free again (cancel, no-show, a knight withdrew): offer it. During a running wave the wave
 * is topped up within its radius; after the dispatch ended, a new wave starts from the last radius.
 * Runs under the need lock the caller holds.
 */
export async function redispatchLocked(tx: Db, need: DispatchNeed, now: Date, cfg: DispatchConfig = DISPATCH_CONFIG): Promise<void> {
  if (openSlots(need) === 0) return;
  const cur = await latestWave(tx, need.id);
  if (cur && !cur.closedAt) {
    await topUpOffers(tx, need, cur, now, cfg);
    return;
  }
  await clearUnmet(tx, need);
  await openWaves(tx, need, (cur?.wave ?? 0) + 1, cur?.radiusKm ?? waveRadii(need.maxDistanceKm, cfg)[0]!, now, cfg);
}

/**
 * Re-dispatch a knight task whose place came free (for other modules, e.g. the task stages after a
 * missed safety check-in). The caller must already have cancelled the assignment and released its quantity
 * (see releaseKnightTask in cancel-task.ts, which does both and calls this logic).
 */
export async function redispatchNeed(db: Db, needId: string, o: DispatchOptions = {}): Promise<TDispatchStatus> {
  const { now, cfg } = opts(o);
  return dispatchTx(db, async (tx) => {
    const need = await lockDispatchNeed(tx, needId);
    await reconcileAcceptedOffers(tx, needId);
    if (isLiveNeed(need)) await redispatchLocked(tx, need, now, cfg);
    return publishDispatchUpdated(tx, need, now);
  });
}

/**
 * An ACCEPTED offer whose knight no longer holds a non-cancelled assignment on the need frees its slot
 * (WITHDRAWN): keeps slot accounting right if an assignment was cancelled outside this module.
 */
async function reconcileAcceptedOffers(tx: Db, needId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE offer o SET status = 'WITHDRAWN', updated_at = now()
    WHERE o.need_id = ${needId} AND o.status = 'ACCEPTED'
      AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.need_id = o.need_id AND a.knight_id = o.knight_id AND a.status <> 'CANCELLED')`;
}

/**
 * The task was closed or cancelled: stand every pending knight down and stop the timer (accepted knights:
 * see end-knight-work.ts, which calls this). Returns how many offers were withdrawn and whether a wave was running.
 */
export async function stopDispatch(tx: Db, needId: string, now: Date = new Date()): Promise<{ withdrawn: number; waveStopped: boolean }> {
  const withdrawn = await endPendingOffers(tx, needId, "CANCELLED", now);
  const cur = await latestWave(tx, needId);
  const waveStopped = !!cur && !cur.closedAt;
  if (cur && waveStopped) await closeWave(tx, cur.id, "STOPPED", now);
  await cancelJob(tx, dispatchWaveKey(needId));
  await publishDispatchUpdated(tx, await readDispatchNeed(tx, needId), now);
  return { withdrawn, waveStopped };
}

/** After the last place filled: stand the rest down, close the wave, stop the timer. */
export async function finishFilledDispatch(tx: Db, needId: string, now: Date): Promise<number> {
  const withdrawn = await endPendingOffers(tx, needId, "FILLED", now);
  const cur = await latestWave(tx, needId);
  if (cur && !cur.closedAt) await closeWave(tx, cur.id, "FILLED", now);
  await cancelJob(tx, dispatchWaveKey(needId));
  return withdrawn;
}
