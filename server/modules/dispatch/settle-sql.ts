import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { AppError } from "@/server/errors";
import { env } from "@/lib/env";
import { LIVE_ASSIGNMENT_STATUSES } from "@/server/modules/matching/match-types";
import { liveTopics } from "@/server/modules/live/live-topics";
import { assertNoExactPosition } from "@/server/modules/live/publish-live";
import { CHECKIN_QUEUE, checkInJobKey } from "@/server/modules/knights/knight-check-in";
import { dispatchWaveKey } from "@/server/modules/dispatch/dispatch-config";
import type { DispatchNeed } from "@/server/modules/dispatch/dispatch-need";

/**
 * The statements of an accept settlement (settle-accepts.ts), written so the need row lock is held for as few
 * round trips as possible: every accept on a task queues on that lock (across instances), so each statement
 * inside it is paid by everyone behind. Lock + read the need (1), read the claimed offers, the places held and
 * the claimants' live tasks (1), then every write of the winners in ONE statement (this file's
 * writeWinnersSql) — the same rows the step-by-step helpers write (offers, assignments, check-in timers, need
 * quantities, stand-down of the rest, wave close, wave timer cancel, live events), which stay the code path
 * of every other flow. The audit rows follow as the transaction's last statements (recordAudits).
 */

export type SettleNeed = Pick<
  DispatchNeed,
  "id" | "incidentId" | "quantity" | "status" | "neededBy" | "durationMinutes" | "qtyCommitted" | "qtyEnRoute" | "qtyOnScene" | "qtyReleased" | "unmetReason"
>;

const NEED_COLUMNS = Prisma.sql`id, incident_id AS "incidentId", quantity, status::text AS status, needed_by AS "neededBy",
  duration_minutes AS "durationMinutes", qty_committed AS "qtyCommitted", qty_en_route AS "qtyEnRoute",
  qty_on_scene AS "qtyOnScene", qty_released AS "qtyReleased", unmet_reason::text AS "unmetReason"`;

/**
 * Locks the need row and reads it in one statement. FOR UPDATE returns the row as the lock holder before us
 * committed it (READ COMMITTED re-reads a row it had to wait for), so the figures are current.
 */
export async function lockSettleNeed(tx: Db, needId: string): Promise<SettleNeed> {
  const rows = await tx.$queryRaw<SettleNeed[]>`SELECT ${NEED_COLUMNS} FROM need WHERE id = ${needId} FOR UPDATE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", "This task does not exist.");
  return rows[0];
}

export type ClaimedOffer = { id: string; status: string; expiresAt: Date; slotIndex: number | null };
export type LiveTask = { knightId: string; windowStart: Date; windowEnd: Date };

const LIVE_STATUSES = Prisma.join(LIVE_ASSIGNMENT_STATUSES.map((s) => Prisma.sql`${s}::assignment_status`));

/**
 * Under the lock, one read: the claimed offers and the places already held on the need (ACCEPTED offers), and
 * the claimants' live tasks overlapping [from, to). Runs after the lock statement, so it sees every commit
 * that came before ours on this need.
 */
export async function readClaimState(tx: Db, needId: string, offerIds: string[], knightIds: string[], from: Date, to: Date): Promise<{ offers: ClaimedOffer[]; busy: LiveTask[] }> {
  const rows = await tx.$queryRaw<({ k: "o" } & ClaimedOffer & LiveTask)[]>`
    SELECT 'o' AS k, o.id, o.status::text AS status, o.expires_at AS "expiresAt", o.slot_index AS "slotIndex",
           NULL::text AS "knightId", NULL::timestamptz AS "windowStart", NULL::timestamptz AS "windowEnd"
    FROM offer o WHERE o.need_id = ${needId} AND (o.id = ANY(${offerIds}::text[]) OR o.status = 'ACCEPTED')
    UNION ALL
    SELECT 'b', NULL, NULL, NULL, NULL, a.knight_id, a.window_start, a.window_end
    FROM assignment a
    WHERE a.knight_id = ANY(${knightIds}::text[]) AND a.status IN (${LIVE_STATUSES}) AND a.window_start < ${to} AND a.window_end > ${from}`;
  return {
    offers: rows.filter((r) => r.k === "o").map((r) => ({ id: r.id, status: r.status, expiresAt: r.expiresAt, slotIndex: r.slotIndex })),
    busy: rows.filter((r) => r.k !== "o").map((r) => ({ knightId: r.knightId, windowStart: r.windowStart, windowEnd: r.windowEnd })),
  };
}

export type WinnerRow = { offerId: string; knightId: string; slot: number; sentAt: Date; window: { start: Date; end: Date }; assignmentId: string };

export type WriteResult = {
  won: number;
  withdrawn: number;
  need: Pick<SettleNeed, "status" | "qtyCommitted" | "qtyEnRoute" | "qtyOnScene" | "qtyReleased"> | null;
};

const KNIGHT_TOPIC_PREFIX = liveTopics.knight("");
const iso = (d: Date) => d.toISOString();

/**
 * Every write of a batch's winners in one statement (data-modifying CTEs, which all see the snapshot taken at
 * its start; each CTE's own guard makes it a no-op where the step-by-step path would have skipped it):
 *  - the winners' offers → ACCEPTED with their slot (guarded by status PENDING; `won` counts them),
 *  - one ACCEPTED assignment per winner, its task stage ACCEPTED and its first check-in (startKnightTasks),
 *    and the check-in timer job (recordCheckIns),
 *  - the need's committed quantity and status (commitQuantity's guarded UPDATE: live need, never beyond
 *    its quantity; no row back = refused),
 *  - when that fills the need (finishFilledDispatch): every other PENDING offer → WITHDRAWN, the running wave
 *    closed FILLED, the wave timer cancelled,
 *  - the live events in one INSERT (one NOTIFY): offer.accepted to each winner, offer.withdrawn to each stood
 *    down knight, dispatch.updated (publishDispatchUpdated's counts, after the changes) to need, incident, command.
 * The caller checks `won` and `need` and throws (rolling everything back) when either says the claim failed.
 */
export async function writeWinnersSql(tx: Db, need: SettleNeed, winners: WinnerRow[], now: Date): Promise<WriteResult> {
  const n = winners.length;
  const offerIds = winners.map((w) => w.offerId);
  const accepted = winners.map((w) => ({ topic: liveTopics.knight(w.knightId), kind: "offer.accepted", data: { offerId: w.offerId, needId: need.id, assignmentId: w.assignmentId } }));
  assertNoExactPosition(accepted);
  const dueAt = new Date(now.getTime() + env.KNIGHT_CHECKIN_MINUTES * 60_000);
  const total = Prisma.sql`(qty_committed + qty_en_route + qty_on_scene + qty_released)`;
  // Parameters are typed explicitly: in select lists and jsonb_build_object PostgreSQL cannot infer them.
  const at = Prisma.sql`${now}::timestamptz`;
  const needId = Prisma.sql`${need.id}::text`;
  const rows = await tx.$queryRaw<{ won: number; withdrawn: number; status: string | null; qtyCommitted: number; qtyEnRoute: number; qtyOnScene: number; qtyReleased: number }[]>`
    WITH w AS (
      SELECT * FROM unnest(${offerIds}::text[], ${winners.map((x) => x.slot)}::int[], ${winners.map((x) => x.assignmentId)}::text[],
                           ${winners.map((x) => x.knightId)}::text[], ${winners.map((x) => iso(x.window.start))}::text[],
                           ${winners.map((x) => iso(x.window.end))}::text[], ${winners.map((x) => iso(x.sentAt))}::text[],
                           ${winners.map(() => `job_${crypto.randomUUID()}`)}::text[], ${winners.map((x) => checkInJobKey(x.assignmentId))}::text[],
                           ${accepted.map((e) => e.topic)}::text[], ${accepted.map((e) => JSON.stringify(e.data))}::text[])
        WITH ORDINALITY AS v(offer_id, slot, assignment_id, knight_id, window_start, window_end, sent_at, job_id, job_key, topic, data, ord)
    ),
    won AS (
      UPDATE offer o SET status = 'ACCEPTED', slot_index = w.slot, responded_at = ${at}, updated_at = ${at}
      FROM w WHERE o.id = w.offer_id AND o.status = 'PENDING'
      RETURNING o.id
    ),
    asg AS (
      INSERT INTO assignment (id, need_id, knight_id, quantity, status, window_start, window_end, unit_index, offered_at, responded_at,
                              accepted_at, task_stage, last_check_in_at, check_in_alerted_at, updated_at)
      SELECT w.assignment_id, ${needId}, w.knight_id, 1, 'ACCEPTED'::assignment_status, w.window_start::timestamptz, w.window_end::timestamptz, NULL,
             w.sent_at::timestamptz, ${at}, ${at}, 'ACCEPTED'::knight_task_stage, ${at}, NULL, ${at}
      FROM w JOIN won ON won.id = w.offer_id
      RETURNING id
    ),
    timers AS (
      INSERT INTO job (id, queue, payload, run_at, max_attempts, key, updated_at)
      SELECT w.job_id, ${CHECKIN_QUEUE}::text, jsonb_build_object('assignmentId', w.assignment_id), ${dueAt}::timestamptz, 5, w.job_key, now()
      FROM w JOIN asg ON asg.id = w.assignment_id
      ON CONFLICT (key) DO UPDATE SET queue = EXCLUDED.queue, payload = EXCLUDED.payload, run_at = EXCLUDED.run_at,
        attempts = 0, max_attempts = EXCLUDED.max_attempts, done_at = NULL, failed_at = NULL, last_error = NULL,
        locked_at = NULL, locked_by = NULL, updated_at = now()
      RETURNING id
    ),
    q AS (
      UPDATE need SET qty_committed = qty_committed + ${n}::int,
        status = (CASE WHEN ${total} + ${n}::int >= quantity THEN 'FILLED' WHEN ${total} + ${n}::int > 0 THEN 'PARTIALLY_FILLED' ELSE 'OPEN' END)::need_status,
        updated_at = now()
      WHERE id = ${need.id} AND status IN ('OPEN', 'PARTIALLY_FILLED') AND ${total} + ${n}::int <= quantity
      RETURNING status::text AS status, quantity, qty_committed, qty_en_route, qty_on_scene, qty_released, unmet_reason
    ),
    wd AS (
      UPDATE offer o SET status = 'WITHDRAWN', updated_at = ${at}
      FROM q WHERE q.status = 'FILLED' AND o.need_id = ${need.id} AND o.status = 'PENDING' AND o.id <> ALL(${offerIds}::text[])
      RETURNING o.id, o.knight_id
    ),
    cur_wave AS (SELECT id, wave, radius_km, closed_at FROM dispatch_wave WHERE need_id = ${need.id} ORDER BY wave DESC LIMIT 1),
    closed AS (
      UPDATE dispatch_wave d SET closed_at = ${at}, close_reason = 'FILLED'
      FROM cur_wave cw, q WHERE d.id = cw.id AND cw.closed_at IS NULL AND q.status = 'FILLED'
      RETURNING d.id
    ),
    cancelled AS (
      UPDATE job j SET done_at = ${at}, last_error = 'cancelled', updated_at = ${at}
      FROM q WHERE q.status = 'FILLED' AND j.key = ${dispatchWaveKey(need.id)}::text AND j.done_at IS NULL AND j.failed_at IS NULL
      RETURNING j.id
    ),
    board AS (
      SELECT jsonb_build_object(
        'needId', ${needId}, 'wave', COALESCE((SELECT cw.wave FROM cur_wave cw), 0), 'radiusKm', (SELECT cw.radius_km FROM cur_wave cw),
        'slots', q.quantity, 'accepted', q.qty_committed + q.qty_en_route + q.qty_on_scene + q.qty_released,
        'pendingOffers', CASE WHEN q.status = 'FILLED' THEN 0 ELSE (
          SELECT count(*) FROM offer p WHERE p.need_id = ${need.id} AND p.status = 'PENDING' AND p.expires_at > ${at} AND p.id <> ALL(${offerIds}::text[])) END,
        'status', q.status, 'unmet', q.unmet_reason IS NOT NULL) AS data
      FROM q
    ),
    events AS (
      INSERT INTO live_event (topic, kind, data)
      SELECT topic, kind, data FROM (
        SELECT 1 AS part, w.ord AS ord, w.topic, 'offer.accepted' AS kind, w.data::jsonb AS data FROM w JOIN won ON won.id = w.offer_id
        UNION ALL
        SELECT 2, row_number() OVER (ORDER BY wd.id), ${KNIGHT_TOPIC_PREFIX}::text || wd.knight_id, 'offer.withdrawn',
               jsonb_build_object('offerId', wd.id, 'needId', ${needId}, 'reason', 'FILLED'::text) FROM wd
        UNION ALL
        SELECT 3, t.ord, t.topic, 'dispatch.updated', board.data
        FROM board, unnest(${[liveTopics.need(need.id), liveTopics.incident(need.incidentId), liveTopics.command()]}::text[]) WITH ORDINALITY AS t(topic, ord)
      ) e ORDER BY part, ord
      RETURNING id
    )
    SELECT (SELECT count(*)::int FROM won) AS won, (SELECT count(*)::int FROM wd) AS withdrawn, q.status,
           q.qty_committed AS "qtyCommitted", q.qty_en_route AS "qtyEnRoute", q.qty_on_scene AS "qtyOnScene", q.qty_released AS "qtyReleased"
    FROM (SELECT 1) one LEFT JOIN q ON true`;
  const r = rows[0]!;
  return {
    won: r.won,
    withdrawn: r.withdrawn,
    need: r.status === null ? null : { status: r.status as SettleNeed["status"], qtyCommitted: r.qtyCommitted, qtyEnRoute: r.qtyEnRoute, qtyOnScene: r.qtyOnScene, qtyReleased: r.qtyReleased },
  };
}
