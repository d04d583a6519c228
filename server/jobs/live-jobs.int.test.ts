import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { runJobs } from "@/server/jobs/queue";
import { allJobHandlers } from "@/server/jobs/worker";
import { armLivePrune } from "@/server/jobs/live-jobs";
import { LIVE_PRUNE_QUEUE } from "@/server/modules/live/prune-live-events";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t.cleanup());

describe("live.prune job", () => {
  it("is armed once, prunes old events when it runs, and re-arms itself an hour later", async () => {
    await t.db.liveEvent.createMany({
      data: [
        { topic: "command", kind: "old", createdAt: new Date(Date.now() - 30 * 3600_000) },
        { topic: "command", kind: "fresh" },
      ],
    });
    await armLivePrune(t.db);
    await armLivePrune(t.db); // a second worker start does not duplicate or re-time it
    expect(await t.db.job.count({ where: { queue: LIVE_PRUNE_QUEUE } })).toBe(1);

    const handlers = allJobHandlers(t.db);
    expect(handlers[LIVE_PRUNE_QUEUE]).toBeDefined();
    const ran = await runJobs(t.db, { queues: [LIVE_PRUNE_QUEUE], handlers, workerId: "test" });
    expect(ran).toBe(1);
    expect((await t.db.liveEvent.findMany({ select: { kind: true } })).map((e) => e.kind)).toEqual(["fresh"]);

    const job = await t.db.job.findUniqueOrThrow({ where: { key: LIVE_PRUNE_QUEUE } });
    expect(job.doneAt).toBeNull();
    expect(job.lastError).toBeNull();
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(await runJobs(t.db, { queues: [LIVE_PRUNE_QUEUE], handlers, workerId: "test" })).toBe(0);
  });
});
