/**
 * The surge drill's end checks, from the database and from what every client received (bench/drill/surge.ts).
 * Each returns counts of violations; the drill fails a run whose invariants do not all hold.
 */
import type { PrismaClient } from "@/server/db";
import { verifyAuditChain } from "@/server/modules/audit/verify-audit-chain";
import { bucketsOf } from "@/prisma/seed/need-quantities";
import type { LiveClient } from "@/bench/drill/drill-http";

const LIVE = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"];
const HELD = ["OFFERED", ...LIVE];
/** A timer is "lost" when it is this far past its time and still not done (the worker polls every second). */
const GRACE_S = 10;

export type Invariants = {
  double_booked_units: number;
  overcommitted_listings: number;
  double_booked_knights: number;
  need_quantity_mismatches: number;
  needs_overfilled: number;
  unexplained_assignments: number;
  holds_past_time: number;
  knight_offers_past_time: number;
  next_candidate_missing: number;
  next_candidate_reruns: number;
  jobs_stuck: number;
  jobs_dead: number;
  outbox_pending: number;
  /** Audit rows committed but never chained (record-audit.ts; the worker chains them every 2 s). */
  audit_pending: number;
  /** 1 when the audit chain does not verify over the rows the run added. */
  audit_chain_broken: number;
};

/** The chain's last row, where a run's audit rows start (null: empty chain). */
export async function auditChainEnd(db: PrismaClient): Promise<{ seq: bigint; hash: string } | null> {
  return db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
}

const n = (rows: { n: number | bigint }[]) => Number(rows[0]?.n ?? 0);

export async function checkDatabase(db: PrismaClient, needIds: string[], auditFrom: { seq: bigint; hash: string } | null): Promise<Invariants> {
  const q = <T,>(sql: string, ...args: unknown[]) => db.$queryRawUnsafe<T[]>(sql, ...args);
  const doubleUnits = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM assignment a JOIN assignment b ON a.resource_id = b.resource_id AND a.id < b.id AND a.unit_index = b.unit_index
    WHERE a.need_id = ANY($1) AND a.status::text = ANY($2) AND b.status::text = ANY($2)
      AND tstzrange(a.window_start, a.window_end) && tstzrange(b.window_start, b.window_end)`, needIds, HELD));
  const overcommitted = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM (
      SELECT r.id FROM resource r JOIN assignment a ON a.resource_id = r.id
      WHERE a.unit_index IS NULL AND a.status::text = ANY($2)
        AND r.id IN (SELECT resource_id FROM assignment WHERE need_id = ANY($1) AND resource_id IS NOT NULL)
      GROUP BY r.id, r.total_quantity HAVING sum(a.quantity) > r.total_quantity) x`, needIds, LIVE));
  const doubleKnights = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM assignment a JOIN assignment b ON a.knight_id = b.knight_id AND a.id < b.id
    WHERE a.need_id = ANY($1) AND a.status::text = ANY($2) AND b.status::text = ANY($2)
      AND tstzrange(a.window_start, a.window_end) && tstzrange(b.window_start, b.window_end)`, needIds, LIVE));

  const needs = await db.need.findMany({
    where: { id: { in: needIds } },
    select: { id: true, quantity: true, qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true },
  });
  const assignments = await db.assignment.findMany({ where: { needId: { in: needIds } }, select: { id: true, needId: true, resourceId: true, unitIndex: true, quantity: true, status: true } });
  const buckets = bucketsOf(assignments);
  let mismatches = 0;
  let overfilled = 0;
  const held = new Map<string, number>();
  for (const a of assignments) if (HELD.includes(a.status)) held.set(a.needId, (held.get(a.needId) ?? 0) + a.quantity);
  for (const need of needs) {
    const b = buckets.get(need.id) ?? { committed: 0, enRoute: 0, onScene: 0, released: 0 };
    if (b.committed !== need.qtyCommitted || b.enRoute !== need.qtyEnRoute || b.onScene !== need.qtyOnScene || b.released !== need.qtyReleased) mismatches++;
    if ((held.get(need.id) ?? 0) + need.qtyReleased > need.quantity) overfilled++;
  }
  // Every assignment past PROPOSED has an audit trail entry (the history that explains its state); a knight's
  // task is explained by the audited accept of its offer.
  const unexplained = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM assignment a WHERE a.need_id = ANY($1) AND a.status <> 'PROPOSED'
      AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.entity_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.entity_type = 'Offer' AND e.data->>'assignmentId' = a.id)`, needIds));
  const holdsPast = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM assignment WHERE need_id = ANY($1) AND status = 'OFFERED' AND hold_expires_at < now() - make_interval(secs => $2)`, needIds, GRACE_S));
  const knightOffersPast = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM offer WHERE need_id = ANY($1) AND status = 'PENDING' AND expires_at < now() - make_interval(secs => $2)`, needIds, GRACE_S));
  // "Offer the next candidate": one job per resource decline/expiry (keyed by it), run to completion.
  const nextMissing = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM assignment a LEFT JOIN job j ON j.key = 'offer.next:' || a.id
    WHERE a.need_id = ANY($1) AND a.resource_id IS NOT NULL AND a.status IN ('DECLINED', 'EXPIRED') AND (j.id IS NULL OR j.done_at IS NULL)`, needIds));
  const nextReruns = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM assignment a JOIN job j ON j.key = 'offer.next:' || a.id WHERE a.need_id = ANY($1) AND j.attempts > 1`, needIds));
  const stuck = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM job WHERE done_at IS NULL AND failed_at IS NULL AND run_at < now() - make_interval(secs => $1)`, GRACE_S));
  const dead = n(await q<{ n: bigint }>(`SELECT count(*) AS n FROM job WHERE failed_at > now() - interval '1 hour'`));
  // pending past the grace (as jobs): a row a late job's write committed a moment before this check is in flight,
  // not lost (the sync worker drains within tens of ms; one such row once failed a run)
  const outbox = n(await q<{ n: bigint }>(`
    SELECT count(*) AS n FROM outbox_event WHERE processed_at IS NULL AND created_at < now() - make_interval(secs => $1)`, GRACE_S));
  const auditPending = await db.auditPending.count();
  const chain = await verifyAuditChain(db, 1000, auditFrom ?? undefined);
  if (!chain.ok) console.warn(`[drill] audit chain broken at seq ${chain.brokenAtSeq}: ${chain.reason}`);
  return {
    double_booked_units: doubleUnits,
    overcommitted_listings: overcommitted,
    double_booked_knights: doubleKnights,
    need_quantity_mismatches: mismatches,
    needs_overfilled: overfilled,
    unexplained_assignments: unexplained,
    holds_past_time: holdsPast,
    knight_offers_past_time: knightOffersPast,
    next_candidate_missing: nextMissing,
    next_candidate_reruns: nextReruns,
    jobs_stuck: stuck,
    jobs_dead: dead,
    outbox_pending: outbox,
    audit_pending: auditPending,
    audit_chain_broken: chain.ok ? 0 : 1,
  };
}

export type LiveCheck = { clients: number; events_expected: number; events_received: number; lost: number; duplicates: number; unexpected: number; resets: number; clients_with_gaps: number };
/** The first clients with a gap, for the run's failed-attempts file: what was lost, when each connection opened. */
export type LiveGap = { topic: string; lost: { id: string; created_at: string }[]; unexpected: string[]; startAfter: string; received: string[]; opened: LiveClient["opened"]; tries: LiveClient["tries"] };

/** Each client's events per topic against the topic's committed sequence in live_event (no gap, no duplicate). */
export async function checkLiveEvents(db: PrismaClient, clients: LiveClient[], gaps: LiveGap[] = []): Promise<LiveCheck> {
  const out: LiveCheck = { clients: clients.length, events_expected: 0, events_received: 0, lost: 0, duplicates: 0, unexpected: 0, resets: 0, clients_with_gaps: 0 };
  if (clients.length === 0) return out;
  const from = clients.reduce((m, c) => (BigInt(c.startAfter) < m ? BigInt(c.startAfter) : m), BigInt(clients[0]!.startAfter));
  const topics = [...new Set(clients.flatMap((c) => c.topics))];
  const byTopic = new Map<string, { id: bigint; s: string }[]>();
  for (let i = 0; i < topics.length; i += 2000) {
    const rows = await db.$queryRawUnsafe<{ id: string; topic: string }[]>(
      `SELECT id::text AS id, topic FROM live_event WHERE topic = ANY($1) AND id > $2::bigint ORDER BY id`, topics.slice(i, i + 2000), String(from));
    for (const r of rows) (byTopic.get(r.topic) ?? byTopic.set(r.topic, []).get(r.topic)!).push({ id: BigInt(r.id), s: r.id });
  }
  for (const client of clients) {
    const startAfter = client.startAfter;
    let gap = false;
    out.resets += client.resets;
    for (const topic of client.topics) {
      const expected = (byTopic.get(topic) ?? []).filter((e) => e.id > BigInt(startAfter)).map((e) => e.s);
      const got = client.received.get(topic) ?? [];
      const gotSet = new Set(got);
      const expSet = new Set(expected);
      const lost = expected.filter((id) => !gotSet.has(id)).length;
      const dups = got.length - gotSet.size;
      const unexpected = [...gotSet].filter((id) => !expSet.has(id)).length;
      out.events_expected += expected.length;
      out.events_received += got.length;
      out.lost += lost;
      out.duplicates += dups;
      out.unexpected += unexpected;
      if (lost || dups || unexpected) gap = true;
      if ((lost || unexpected) && gaps.length < 40) {
        const ids = expected.filter((id) => !gotSet.has(id));
        const when = await db.$queryRawUnsafe<{ id: string; created_at: Date }[]>(`SELECT id::text AS id, created_at FROM live_event WHERE id = ANY($1::bigint[]) ORDER BY id`, ids);
        gaps.push({
          topic, lost: when.map((w) => ({ id: w.id, created_at: w.created_at.toISOString() })),
          unexpected: [...gotSet].filter((id) => !expSet.has(id)), startAfter, received: got, opened: client.opened, tries: client.tries,
        });
      }
    }
    if (gap) out.clients_with_gaps++;
  }
  return out;
}

/**
 * What the database is doing at the end of a run, for the failed-attempts file: every session that is not idle
 * (what it runs or waits on, for how long) and the jobs still claimed or due. A lost job is looked into from this.
 */
export async function databaseActivity(db: PrismaClient): Promise<{ sessions: unknown[]; open_jobs: unknown[] }> {
  const sessions = await db.$queryRawUnsafe<unknown[]>(`
    SELECT pid, state, wait_event_type, wait_event, round(extract(epoch FROM now() - xact_start)) AS xact_s,
           round(extract(epoch FROM now() - state_change)) AS state_s, left(query, 300) AS query
    FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`);
  const openJobs = await db.$queryRawUnsafe<unknown[]>(`
    SELECT queue, locked_by, count(*)::int AS n, min(run_at) AS first_due, max(locked_at) AS last_lease, max(attempts) AS attempts,
           max(last_error) AS last_error
    FROM job WHERE done_at IS NULL AND failed_at IS NULL AND (locked_at IS NOT NULL OR run_at < now() - interval '10 seconds')
    GROUP BY queue, locked_by ORDER BY n DESC LIMIT 50`);
  return { sessions, open_jobs: openJobs };
}
