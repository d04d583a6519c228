import { poolStats, type Db, type PrismaClient } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";

/**
 * PostgreSQL-backed job queue on the `job` table. All state lives in the table, so a restart loses
 * nothing: a new worker picks up whatever is ready. Claiming uses `FOR UPDATE SKIP LOCKED` on ids from
 * the `job_ready_idx` partial index, so two workers never run the same job. A failure is retried with
 * exponential backoff until maxAttempts, then dead-lettered (failedAt + lastError).
 */

export type EnqueueInput = { queue: string; payload?: Record<string, unknown>; runAt?: Date; key?: string; maxAttempts?: number };
export type JobRow = { id: string; queue: string; payload: Record<string, unknown>; attempts: number; maxAttempts: number };
export type JobHandler = (job: JobRow) => Promise<void>;
export type RunJobsOptions = {
  queues: string[];
  handlers: Record<string, JobHandler>;
  workerId: string;
  batch?: number;
  /** Seconds before a claimed job whose worker died may be claimed again (its lease; renewed while it runs). */
  lockTimeoutSeconds?: number;
  /** How often a running batch renews its lease (default: a third of the lock timeout). */
  heartbeatMs?: number;
  /** A job running longer is named in the log, again each time as long again (default SLOW_JOB_WARN_MS). */
  slowJobWarnMs?: number;
};

/**
 * A claim is a lease: a killed worker's jobs are claimed again once it lapses. Short, so a crash delays
 * holds and "offer the next candidate" by seconds, not minutes; a live worker renews it (heartbeat) so a
 * slow batch is never taken from under it.
 */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 15;

/**
 * Adds a job (inside the caller's transaction if given one). With a key, an existing job of that key is
 * re-armed instead of duplicated: a pending one keeps its row with the new runAt/payload; a finished one
 * is reset to run again.
 */
export async function enqueueJob(db: Db, input: EnqueueInput): Promise<{ id: string }> {
  if (!input.key) {
    const payload = (input.payload ?? {}) as Prisma.InputJsonValue;
    return db.job.create({ data: { queue: input.queue, payload, runAt: input.runAt ?? new Date(), maxAttempts: input.maxAttempts ?? 5 }, select: { id: true } });
  }
  return (await enqueueKeyedJobs(db, [{ ...input, key: input.key }]))[0]!;
}

/** Keyed jobs, several in one statement (same re-arm rules as enqueueJob). Keys must be distinct. */
export async function enqueueKeyedJobs(db: Db, inputs: (EnqueueInput & { key: string })[]): Promise<{ id: string }[]> {
  if (inputs.length === 0) return [];
  return db.$queryRaw<{ id: string }[]>(keyedJobsUpsertSql(inputs));
}

/** The INSERT … ON CONFLICT of enqueueKeyedJobs (RETURNING id), for callers that fold it into a statement of their own. */
export function keyedJobsUpsertSql(inputs: (EnqueueInput & { key: string })[]): Prisma.Sql {
  const now = new Date();
  return Prisma.sql`
    INSERT INTO job (id, queue, payload, run_at, max_attempts, key, updated_at)
    SELECT v.id, v.queue, v.payload::jsonb, v.run_at::timestamptz, v.max_attempts, v.key, now()
    FROM unnest(${inputs.map(() => `job_${crypto.randomUUID()}`)}::text[], ${inputs.map((i) => i.queue)}::text[],
                ${inputs.map((i) => JSON.stringify(i.payload ?? {}))}::text[], ${inputs.map((i) => (i.runAt ?? now).toISOString())}::text[],
                ${inputs.map((i) => i.maxAttempts ?? 5)}::int[], ${inputs.map((i) => i.key)}::text[])
      AS v(id, queue, payload, run_at, max_attempts, key)
    ON CONFLICT (key) DO UPDATE SET queue = EXCLUDED.queue, payload = EXCLUDED.payload, run_at = EXCLUDED.run_at,
      attempts = 0, max_attempts = EXCLUDED.max_attempts, done_at = NULL, failed_at = NULL, last_error = NULL,
      locked_at = NULL, locked_by = NULL, updated_at = now()
    RETURNING id`;
}

/** Removes a pending job by key (e.g. an expiry timer after the offer was answered). */
export async function cancelJob(db: Db, key: string): Promise<void> {
  await db.job.updateMany({ where: { key, doneAt: null, failedAt: null }, data: { doneAt: new Date(), lastError: "cancelled" } });
}

/** Marks a pending job done without running it: its work was done inline (not if a worker holds it right now). */
export async function completeJob(db: Db, key: string): Promise<void> {
  await db.job.updateMany({ where: { key, doneAt: null, failedAt: null, lockedAt: null }, data: { doneAt: new Date() } });
}

/** Claims up to `batch` ready jobs for this worker (committed at once, so the lock is a lease). */
export async function claimJobs(db: PrismaClient, opts: RunJobsOptions): Promise<JobRow[]> {
  const lockTimeout = opts.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS;
  return db.$queryRaw<JobRow[]>`
    UPDATE job SET locked_at = now(), locked_by = ${opts.workerId}, attempts = attempts + 1, updated_at = now()
    WHERE id IN (
      SELECT id FROM job
      WHERE queue IN (${Prisma.join(opts.queues)}) AND run_at <= now() AND done_at IS NULL AND failed_at IS NULL
        AND (locked_at IS NULL OR locked_at < now() - make_interval(secs => ${lockTimeout}))
      ORDER BY run_at
      LIMIT ${opts.batch ?? 10}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, queue, payload, attempts, max_attempts AS "maxAttempts"`;
}

/** Backoff before retry n (1-based): 2^n seconds, capped at 10 minutes. */
export function backoffSeconds(attempt: number): number {
  return Math.min(600, 2 ** attempt);
}

/** Claims and runs one batch; returns how many jobs ran (succeeded or failed). */
export async function runJobs(db: PrismaClient, opts: RunJobsOptions): Promise<number> {
  const jobs = await claimJobs(db, opts);
  if (jobs.length === 0) return 0;
  const pending = new Set(jobs.map((j) => j.id));
  // At least every 250 ms apart: a zero lease (tests take over expired jobs at once) must not turn the heartbeat
  // into a busy loop of renewals that starves the batch of its pool's connections.
  const beatMs = Math.max(250, opts.heartbeatMs ?? ((opts.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS) * 1000) / 3);
  const running = { job: jobs[0]!, since: Date.now(), warnedAt: 0 };
  const heartbeat = setInterval(() => {
    if (pending.size > 0) void renewLease(db, [...pending], opts.workerId).catch(() => {}); // a missed renewal is retried next beat
    warnIfStuck(db, running, opts.slowJobWarnMs ?? SLOW_JOB_WARN_MS);
  }, beatMs);
  try {
    for (const job of jobs) {
      Object.assign(running, { job, since: Date.now(), warnedAt: 0 });
      await runOne(db, opts, job);
      pending.delete(job.id);
    }
  } finally {
    clearInterval(heartbeat);
  }
  return jobs.length;
}

/** A job running this long is worth a line in the log (repeated as long as it runs). */
export const SLOW_JOB_WARN_MS = 30_000;

/**
 * The heartbeat renews the lease of a job that never finishes, so such a job holds up its worker silently: no
 * error, no retry. It is never abandoned here (another worker would run it a second time while it may still
 * write); it is named in the log with the pool's state, so what it waits on can be found.
 */
function warnIfStuck(db: PrismaClient, running: { job: JobRow; since: number; warnedAt: number }, afterMs: number) {
  const now = Date.now();
  if (now - running.since < afterMs || now - running.warnedAt < afterMs) return;
  running.warnedAt = now;
  console.warn(
    `[muster] job ${running.job.queue} ${running.job.id} has run for ${Math.round((now - running.since) / 1000)} s; pool ${JSON.stringify(poolStats(db))}`,
  );
}

/** Extends this worker's lease on the jobs it still holds. */
async function renewLease(db: PrismaClient, ids: string[], workerId: string): Promise<void> {
  if (ids.length === 0) return;
  await db.job.updateMany({ where: { id: { in: ids }, lockedBy: workerId, doneAt: null }, data: { lockedAt: new Date() } });
}

async function runOne(db: PrismaClient, opts: RunJobsOptions, job: JobRow): Promise<void> {
  const handler = opts.handlers[job.queue];
  try {
    if (!handler) throw new Error(`No handler for queue ${job.queue}`);
    await handler(job);
    await db.job.updateMany({
      where: { id: job.id, lockedBy: opts.workerId },
      data: { doneAt: new Date(), lockedAt: null, lockedBy: null, lastError: null },
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const dead = job.attempts >= job.maxAttempts;
    await db.job.updateMany({
      where: { id: job.id, lockedBy: opts.workerId },
      data: {
        lastError: message.slice(0, 2000),
        lockedAt: null,
        lockedBy: null,
        ...(dead ? { failedAt: new Date() } : { runAt: new Date(Date.now() + backoffSeconds(job.attempts) * 1000) }),
      },
    });
  }
}

export type JobWorker = { stop: () => Promise<void> };

/**
 * Calls `tick` until stopped: again at once after a tick that found work (true), after `intervalMs` otherwise;
 * stop() wakes the sleep and waits for the tick under way.
 */
export function startPollingLoop(tick: () => Promise<boolean>, intervalMs: number): JobWorker {
  let stopped = false;
  const state: { wake: (() => void) | null } = { wake: null };
  const loop = (async () => {
    while (!stopped) {
      if ((await tick()) || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        state.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      state.wake = null;
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      state.wake?.();
      await loop;
    },
  };
}

/** Polls until stopped; drains ready batches back to back, sleeps `intervalMs` when idle. */
export function startJobWorker(db: PrismaClient, opts: RunJobsOptions & { intervalMs?: number; onError?: (e: unknown) => void }): JobWorker {
  return startPollingLoop(async () => {
    try {
      return (await runJobs(db, opts)) > 0;
    } catch (e) {
      (opts.onError ?? console.error)(e);
      return false;
    }
  }, opts.intervalMs ?? 1000);
}
