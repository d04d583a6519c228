import type { PrismaClient } from "@/server/db";
import type { JobHandler } from "@/server/jobs/queue";
import { expireOffer } from "@/server/modules/offers/answer-offer";
import { offerNext } from "@/server/modules/offers/offer-next";
import { OFFER_EXPIRE_QUEUE, OFFER_NEXT_QUEUE } from "@/server/modules/offers/send-offer";

/** Handlers for the offer timers: hold expiry and "offer the next candidate". */
export function offerJobHandlers(db: PrismaClient): Record<string, JobHandler> {
  return {
    [OFFER_EXPIRE_QUEUE]: async (job) => {
      await expireOffer(db, String(job.payload.assignmentId));
    },
    [OFFER_NEXT_QUEUE]: async (job) => {
      await offerNext(db, String(job.payload.needId));
    },
  };
}
