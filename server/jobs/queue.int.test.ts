import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createPrismaClient } from "@/server/db";
import { backoffSeconds, claimJobs, DEFAULT_LOCK_TIMEOUT_SECONDS, enqueueJob, runJobs, startJobWorker, type JobRow } from "@/server/jobs/queue";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t.cleanup());

const past = () => new Date(Date.now() - 1000);

describe("job queue", () => {
  it("survives a restart: a new worker (new client) runs a job enqueued before", async () => {
    const first = createPrismaClient(t.url, 2);
    const { id } = await enqueueJob(first, { queue: "q.restart", payload: { n: 7 }, runAt: past() });
    const w = startJobWorker(first, { queues: ["q.other"], handlers: {}, workerId: "old", intervalMs: 20 });
    await w.stop();
    await first.$disconnect();

    const second = createPrismaClient(t.url, 2);
    const seen: JobRow[] = [];
    const ran = await runJobs(second, { queues: ["q.restart"], handlers: { "q.restart": async (j) => void seen.push(j) }, workerId: "new" });
    await second.$disconnect();
    expect(ran).toBe(1);
    expect(seen.map((j) => [j.id, j.payload.n])).toEqual([[id, 7]]);
    const row = await t.db.job.findUniqueOrThrow({ where: { id }, select: { doneAt: true, lockedBy: true } });
    expect(row.doneAt).not.toBeNull();
    expect(row.lockedBy).toBeNull();
  });

  it("SKIP LOCKED: concurrent workers never claim the same job", async () => {
    for (let i = 0; i < 60; i++) await enqueueJob(t.db, { queue: "q.race", payload: { i }, runAt: past() });
    const clients = Array.from({ length: 6 }, () => createPrismaClient(t.url, 2));
    // Connected before the race: a client still connecting could find the first one has taken every job.
    await Promise.all(clients.map((c) => c.$queryRaw`SELECT 1`));
    const claimed = await Promise.all(
      clients.map(async (c, w) => {
        const ids: string[] = [];
        for (;;) {
          const batch = await claimJobs(c, { queues: ["q.race"], handlers: {}, workerId: `w${w}`, batch: 3 });
          if (batch.length === 0) return ids;
          ids.push(...batch.map((j) => j.id));
        }
      }),
    );
    await Promise.all(clients.map((c) => c.$disconnect()));
    const all = claimed.flat();
    expect(all.length).toBe(60);
    expect(new Set(all).size).toBe(60);
    expect(claimed.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
  });

  it("names a job that runs too long in the log, with the pools' state, and keeps its lease meanwhile", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { id } = await enqueueJob(t.db, { queue: "q.slow", runAt: past() });
    let lease: Date | null = null;
    const opts = {
      queues: ["q.slow"], workerId: "w-slow", heartbeatMs: 250, slowJobWarnMs: 600,
      handlers: {
        "q.slow": async () => {
          await new Promise((r) => setTimeout(r, 3000));
          lease = (await t.db.job.findUniqueOrThrow({ where: { id }, select: { lockedAt: true } })).lockedAt;
        },
      },
    };
    const started = Date.now();
    expect(await runJobs(t.db, opts)).toBe(1);
    const lines = warn.mock.calls.map((c) => String(c[0])).filter((l) => l.includes(id));
    warn.mockRestore();
    // about every 600 ms while it runs (4 or 5 times in 3 s when the beats keep time), not on every 250 ms beat (≥ 12)
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(lines[0]).toMatch(/^\[muster\] job q\.slow \S+ has run for \d+ s; pool \{"total":\d+,"idle":\d+,"waiting":\d+,"prepared":/);
    expect(lease!.getTime()).toBeGreaterThan(started + 2000); // renewed while it ran
  });

  it("retries with backoff, then dead-letters with lastError", async () => {
    const { id } = await enqueueJob(t.db, { queue: "q.fail", runAt: past(), maxAttempts: 2 });
    const opts = { queues: ["q.fail"], workerId: "w", handlers: { "q.fail": async () => { throw new Error("boom"); } } };
    const before = Date.now();
    expect(await runJobs(t.db, opts)).toBe(1);
    let row = await t.db.job.findUniqueOrThrow({ where: { id }, select: { attempts: true, runAt: true, failedAt: true, lastError: true } });
    expect(row).toMatchObject({ attempts: 1, failedAt: null, lastError: "boom" });
    expect(row.runAt.getTime()).toBeGreaterThanOrEqual(before + backoffSeconds(1) * 1000 - 50);
    expect(await runJobs(t.db, opts)).toBe(0); // not ready before the backoff
    await t.db.job.update({ where: { id }, data: { runAt: past() } });
    expect(await runJobs(t.db, opts)).toBe(1);
    row = await t.db.job.findUniqueOrThrow({ where: { id }, select: { attempts: true, runAt: true, failedAt: true, lastError: true } });
    expect(row.attempts).toBe(2);
    expect(row.failedAt).not.toBeNull();
    await t.db.job.update({ where: { id }, data: { runAt: past() } });
    expect(await runJobs(t.db, opts)).toBe(0); // dead letters never run again
    expect(backoffSeconds(3)).toBeGreaterThan(backoffSeconds(2));
  });

  it("dedupes by key: one row, re-armed with the latest runAt and payload", async () => {
    const a = await enqueueJob(t.db, { queue: "q.key", key: "k1", payload: { v: 1 }, runAt: new Date(Date.now() + 60_000) });
    const b = await enqueueJob(t.db, { queue: "q.key", key: "k1", payload: { v: 2 }, runAt: past() });
    expect(b.id).toBe(a.id);
    expect(await t.db.job.count({ where: { key: "k1" } })).toBe(1);
    const seen: unknown[] = [];
    await runJobs(t.db, { queues: ["q.key"], workerId: "w", handlers: { "q.key": async (j) => void seen.push(j.payload.v) } });
    expect(seen).toEqual([2]);
  });

  it("the polling worker runs ready jobs and stops cleanly", async () => {
    const seen: number[] = [];
    const w = startJobWorker(t.db, { queues: ["q.poll"], workerId: "p", intervalMs: 20, handlers: { "q.poll": async (j) => void seen.push(Number(j.payload.i)) } });
    await enqueueJob(t.db, { queue: "q.poll", payload: { i: 1 }, runAt: past() });
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await w.stop();
    expect(seen).toEqual([1]);
  });

  it("a killed worker's claimed jobs are claimed again once its lease lapsed (seconds, not minutes)", async () => {
    const { id } = await enqueueJob(t.db, { queue: "q.killed", runAt: past() });
    // The worker claims the batch and is killed (SIGKILL) before it finishes: nothing releases the lock.
    expect((await claimJobs(t.db, { queues: ["q.killed"], handlers: {}, workerId: "killed" })).map((j) => j.id)).toEqual([id]);
    const seen: string[] = [];
    const opts = { queues: ["q.killed"], workerId: "restarted", handlers: { "q.killed": async (j: JobRow) => void seen.push(j.id) } };
    expect(await runJobs(t.db, opts)).toBe(0); // a fresh lease is respected
    // 45 s after the kill — what a restarted worker sees in the surge drill.
    await t.db.$executeRaw`UPDATE job SET locked_at = now() - interval '45 seconds' WHERE id = ${id}`;
    expect(DEFAULT_LOCK_TIMEOUT_SECONDS).toBeLessThan(45);
    expect(await runJobs(t.db, opts)).toBe(1);
    expect(seen).toEqual([id]);
    const row = await t.db.job.findUniqueOrThrow({ where: { id }, select: { doneAt: true, attempts: true } });
    expect(row.doneAt).not.toBeNull();
    expect(row.attempts).toBe(2);
  });

  it("a live worker renews the lease of the jobs it still holds, so a slow batch is not taken from under it", async () => {
    const ids = [(await enqueueJob(t.db, { queue: "q.slow", runAt: past() })).id, (await enqueueJob(t.db, { queue: "q.slow", runAt: past() })).id];
    const lockedAt = async (id: string) => (await t.db.job.findUniqueOrThrow({ where: { id }, select: { lockedAt: true } })).lockedAt?.getTime() ?? 0;
    let renewed = false;
    let stolen = -1;
    let calls = 0;
    await runJobs(t.db, {
      queues: ["q.slow"],
      workerId: "slow",
      heartbeatMs: 50,
      lockTimeoutSeconds: 1,
      handlers: {
        "q.slow": async (j) => {
          if (calls++ > 0) return;
          // Both jobs are held: this one runs, the other waits its turn in the batch.
          const first = await Promise.all(ids.map(lockedAt));
          for (let i = 0; i < 250 && !renewed; i++) {
            await new Promise((r) => setTimeout(r, 20));
            const now = await Promise.all(ids.map(lockedAt));
            renewed = now.every((at, k) => at > first[k]!);
          }
          // Past the 1 s lease of the first claim: another worker must still find nothing to take.
          await new Promise((r) => setTimeout(r, 1200));
          stolen = (await claimJobs(t.db, { queues: ["q.slow"], handlers: {}, workerId: "thief", lockTimeoutSeconds: 1 })).length;
          expect(ids).toContain(j.id);
        },
      },
    });
    expect(renewed).toBe(true);
    expect(stolen).toBe(0);
    expect(calls).toBe(2);
    expect(await t.db.job.count({ where: { id: { in: ids }, doneAt: { not: null } } })).toBe(2);
  });
});
