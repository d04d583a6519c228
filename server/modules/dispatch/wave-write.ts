import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { keyedJobsUpsertSql } from "@/server/jobs/queue";
import { assertNoExactPosition, type LiveEventInput } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { DISPATCH_WAVE_QUEUE, dispatchWaveKey } from "@/server/modules/dispatch/dispatch-config";
import type { DispatchNeed } from "@/server/modules/dispatch/dispatch-need";
import type { WaveRow } from "@/server/modules/dispatch/dispatch-status";
import { distanceBand } from "@/server/modules/dispatch/distance-band";
import type { OfferableKnight } from "@/server/modules/dispatch/find-offerable-knights";
import { newRowId } from "@/server/modules/dispatch/row-id";

/** The `offer.new` a knight gets for an offer of this wave (no exact position: the distance is a band). */
export function offerNewData(need: DispatchNeed, wave: WaveRow, offerId: string, band: string) {
  return {
    offerId,
    needId: need.id,
    incidentId: need.incidentId,
    title: need.title,
    taskKind: need.taskKind,
    distanceBand: band,
    rewardPoints: need.rewardPoints,
    expiresAt: wave.endsAt.toISOString(),
    deadline: need.neededBy.toISOString(),
    pickupAddress: need.pickupAddress,
    dropoffAddress: need.stagingAddress,
    cargoKg: need.cargoKg,
    wave: wave.wave,
  };
}

/**
 * Writes a wave in ONE statement: its dispatch_wave row (closed already when it could offer nobody), its offers,
 * their `offer.new` events followed by `alsoPublish`, and — for a running wave — its timer (the keyed
 * `dispatch-wave:<needId>` job). Every statement under the need lock delays the answers queued behind it, and
 * this was five. Returns the offers sent.
 */
export async function writeWave(
  tx: Db,
  need: DispatchNeed,
  wave: WaveRow,
  knights: readonly OfferableKnight[],
  alsoPublish: readonly LiveEventInput[] = [],
): Promise<number> {
  const offers = knights.map((k) => ({ id: newRowId(), knightId: k.id, band: distanceBand(k.distanceM) }));
  const events: LiveEventInput[] = [
    ...offers.map((o) => ({ topic: liveTopics.knight(o.knightId), kind: "offer.new", data: offerNewData(need, wave, o.id, o.band) })),
    ...alsoPublish,
  ];
  assertNoExactPosition(events);
  const timer = wave.closedAt
    ? Prisma.sql`SELECT NULL::text AS id WHERE false`
    : keyedJobsUpsertSql([{ queue: DISPATCH_WAVE_QUEUE, payload: { needId: need.id, wave: wave.wave }, runAt: wave.endsAt, key: dispatchWaveKey(need.id) }]);
  // The events' WHERE reads every CTE, so all of them are written before an event is (and a missing row fails
  // the count rather than publishing offers that do not exist).
  await tx.$executeRaw`
    WITH w AS (
      INSERT INTO dispatch_wave (id, need_id, wave, radius_km, started_at, ends_at, closed_at, close_reason)
      VALUES (${wave.id}, ${need.id}, ${wave.wave}::int, ${wave.radiusKm}::float8, ${wave.startedAt}::timestamptz, ${wave.endsAt}::timestamptz,
              ${wave.closedAt}::timestamptz, ${wave.closeReason}::text)
      RETURNING id
    ), sent AS (
      INSERT INTO offer (id, need_id, knight_id, wave, distance_band, status, sent_at, expires_at, updated_at)
      SELECT v.id, ${need.id}::text, v.knight_id, ${wave.wave}::int, v.band, 'PENDING'::offer_status, ${wave.startedAt}::timestamptz,
             ${wave.endsAt}::timestamptz, ${wave.startedAt}::timestamptz
      FROM unnest(${offers.map((o) => o.id)}::text[], ${offers.map((o) => o.knightId)}::text[], ${offers.map((o) => o.band)}::text[]) AS v(id, knight_id, band)
      RETURNING id
    ), timer AS (${timer})
    INSERT INTO live_event (topic, kind, data)
    SELECT e.topic, e.kind, e.data::jsonb
    FROM unnest(${events.map((e) => e.topic)}::text[], ${events.map((e) => e.kind)}::text[], ${events.map((e) => JSON.stringify(e.data))}::text[])
         WITH ORDINALITY AS e(topic, kind, data, ord)
    WHERE (SELECT count(*) FROM w) = 1 AND (SELECT count(*) FROM sent) = ${offers.length}::int
      AND (SELECT count(*) FROM timer) = ${wave.closedAt ? 0 : 1}::int
    ORDER BY e.ord`;
  return offers.length;
}
