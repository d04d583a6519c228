import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { enqueueJob } from "@/server/jobs/queue";
import { SEARCH_RECONCILE_QUEUE } from "@/server/jobs/search-jobs";
import { startQueueLoops } from "@/server/jobs/worker";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t.cleanup());

const past = () => new Date(Date.now() - 1000);

describe("the app worker's loops", () => {
  it("a hold expiry runs while a long reconcile slice is still working (it is not claimed behind it)", async () => {
    let releaseSlice: () => void = () => {};
    let sliceStarted: () => void = () => {};
    const sliceRunning = new Promise<void>((r) => (sliceStarted = r));
    const expired: string[] = [];
    const handlers = {
      [SEARCH_RECONCILE_QUEUE]: () => {
        sliceStarted();
        return new Promise<void>((r) => (releaseSlice = r));
      },
      "offer.expire": async (job: { id: string }) => void expired.push(job.id),
    };
    await enqueueJob(t.db, { queue: SEARCH_RECONCILE_QUEUE, payload: {}, runAt: past() });
    const loops = startQueueLoops(t.db, handlers, "loops-test", 20);
    try {
      await sliceRunning;
      const { id } = await enqueueJob(t.db, { queue: "offer.expire", payload: {}, runAt: past() });
      // waits on the expiry's own row (no timing): with one shared batch it would sit claimed until the slice ends
      for (;;) {
        const row = await t.db.job.findUniqueOrThrow({ where: { id }, select: { doneAt: true } });
        if (row.doneAt) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(expired).toEqual([id]);
      const slice = await t.db.job.findFirstOrThrow({ where: { queue: SEARCH_RECONCILE_QUEUE }, select: { doneAt: true, lockedBy: true } });
      expect(slice).toEqual({ doneAt: null, lockedBy: "loops-test" }); // still running
    } finally {
      releaseSlice();
      await loops.stop();
    }
    expect((await t.db.job.findFirstOrThrow({ where: { queue: SEARCH_RECONCILE_QUEUE }, select: { doneAt: true } })).doneAt).not.toBeNull();
  });
});
