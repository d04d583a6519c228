import type { PrismaClient } from "@/server/db";
import type { JobHandler } from "@/server/jobs/queue";
import { EXCESS_REFUND_QUEUE } from "@/server/modules/payments/apply-payment";
import { refundExcessPayment } from "@/server/modules/payments/refund-excess";
import { paymentsConfig, type PaymentsConfig } from "@/server/modules/payments/stripe-client";

/** Handlers for card money: giving back what a buyer paid beyond what it owed (Stripe from the environment). */
export function paymentJobHandlers(db: PrismaClient, cfg: PaymentsConfig = paymentsConfig()): Record<string, JobHandler> {
  return {
    [EXCESS_REFUND_QUEUE]: async (job) => {
      await refundExcessPayment(db, cfg, String(job.payload.orderId));
    },
  };
}
