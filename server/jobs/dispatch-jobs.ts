import type { PrismaClient } from "@/server/db";
import type { JobHandler } from "@/server/jobs/queue";
import { DISPATCH_WAVE_QUEUE } from "@/server/modules/dispatch/dispatch-config";
import { runDispatchWave } from "@/server/modules/dispatch/dispatch-waves";

/** The knight dispatch wave timer: widen, or record unmet demand at the last radius. */
export function dispatchJobHandlers(db: PrismaClient): Record<string, JobHandler> {
  return {
    [DISPATCH_WAVE_QUEUE]: async (job) => {
      await runDispatchWave(db, String(job.payload.needId), Number(job.payload.wave));
    },
  };
}
