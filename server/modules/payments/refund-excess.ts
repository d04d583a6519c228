import type { PrismaClient } from "@/server/db";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { notify } from "@/server/modules/notifications/notify";
import { dispatcherUserIds } from "@/server/modules/offers/offer-recipients";
import { applyExcessRefund, excessPaidCents } from "@/server/modules/payments/apply-payment";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";

export type ExcessRefundOutcome = "none" | "refunded" | "pending" | "not-card";

/**
 * Gives card money back that the buyer did not owe: a payment that completed after the order was cancelled
 * (the Checkout page was still open), or a card payment on top of an invoice settlement. Run by the worker
 * (payments.refundExcess, queued with the payment in apply-payment.ts), so a Stripe outage is retried, not lost.
 * The excess is read from the ledger each time and the Stripe idempotency key names it, so a retry after a
 * refund that went through posts nothing new and asks Stripe for nothing new. The requesting organisation's
 * dispatchers are told.
 */
export async function refundExcessPayment(db: PrismaClient, cfg: PaymentsConfig, orderId: string): Promise<ExcessRefundOutcome> {
  const excess = await excessPaidCents(db, orderId);
  if (excess <= 0) return "none";
  const o = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { buyerOrgId: true, incidentId: true, stripePaymentIntentId: true } });
  if (!cfg.stripe || !o.stripePaymentIntentId) {
    console.warn(`[muster] payments: order ${orderId} was paid ${excess} fen beyond what is owed, but not by card here; refund it by hand`);
    return "not-card";
  }
  const refund = await cfg.stripe.refunds.create(
    { payment_intent: o.stripePaymentIntentId, amount: excess, reason: "duplicate", metadata: { orderId, purpose: "excess_payment" } },
    { idempotencyKey: `order:${orderId}:excess-refund:${excess}` },
  );
  // A refund Stripe has not finished is posted by its charge.refunded event (handlers/charge-refunded.ts).
  if (refund.status !== "succeeded") return "pending";
  await db.$transaction(async (tx) => {
    if (!(await applyExcessRefund(tx, orderId, { refundId: refund.id, amountCents: refund.amount }))) return;
    const data = { orderId, amountCents: refund.amount, refundId: refund.id, incidentId: o.incidentId };
    await recordAudit(tx, { actorId: null, orgId: o.buyerOrgId, action: "order.excessRefund", entityType: "Order", entityId: orderId, data });
    await notify(tx, await dispatcherUserIds(tx, o.buyerOrgId), "order.excessRefunded", { orderId, amountCents: refund.amount });
  });
  return "refunded";
}
