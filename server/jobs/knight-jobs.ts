import type { PrismaClient } from "@/server/db";
import type { JobHandler } from "@/server/jobs/queue";
import { CHECKIN_QUEUE, runCheckInJob } from "@/server/modules/knights/knight-check-in";
import { DUTY_LIMIT_QUEUE, runDutyLimitJob, type DutyLimitPayload } from "@/server/modules/knights/knight-duty-limit";

/** Handlers for the knight timers: safety check-in and the duty-hours limit. */
export function knightJobHandlers(db: PrismaClient): Record<string, JobHandler> {
  return {
    [CHECKIN_QUEUE]: async (job) => {
      await runCheckInJob(db, String(job.payload.assignmentId));
    },
    [DUTY_LIMIT_QUEUE]: async (job) => {
      await runDutyLimitJob(db, job.payload as DutyLimitPayload);
    },
  };
}
