import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { assertBuyerActor, loadOrderParties } from "@/server/modules/orders/order-access";
import { cancellationRefundCents } from "@/server/modules/orders/quote";
import { applyReduction, applyRefund } from "@/server/modules/payments/apply-payment";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";
import { reverseTransferForRefunds } from "@/server/modules/payments/refund-after-payout";

/**
 * A cancelled order's Checkout page must not take a payment any more: an open session is expired at Stripe.
 * A session the buyer completed a moment ago (its webhook not here yet) cannot be expired; that payment is
 * given back by itself when it arrives (refund-excess.ts). Failing to reach Stripe does not stop the cancellation.
 */
async function closeOpenCheckout(cfg: PaymentsConfig, sessionId: string | null): Promise<void> {
  if (!cfg.stripe || !sessionId) return;
  try {
    const session = await cfg.stripe.checkout.sessions.retrieve(sessionId);
    if (session.status === "open") await cfg.stripe.checkout.sessions.expire(sessionId);
  } catch (e) {
    console.warn(`[muster] payments: could not expire Checkout Session ${sessionId} of a cancelled order (${(e as Error).message}); a late payment is refunded by itself`);
  }
}

export type CancelPreview = { mobilized: boolean; refundCents: number; keptCents: number; paid: boolean };

/** The policy applied to this order now: shown to both sides before anyone acts. */
export async function previewCancellation(db: PrismaClient, orderId: string): Promise<CancelPreview> {
  const o = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { amountCents: true, refundedCents: true, cancelShareBps: true, paidAt: true, assignment: { select: { mobilizedAt: true } } },
  });
  const mobilized = o.assignment?.mobilizedAt != null;
  const open = o.amountCents - o.refundedCents;
  const refundCents = Math.min(open, cancellationRefundCents(o.amountCents, o.cancelShareBps, mobilized));
  return { mobilized, refundCents, keptCents: open - refundCents, paid: o.paidAt !== null };
}

/**
 * The requester cancels the order (not the operation: releasing the resource is dispatch's business).
 * Before mobilisation everything is refunded; after it the supplier keeps the quoted share. Unpaid:
 * the amount owed shrinks. Paid by card: a Stripe refund (idempotency key per order and amount), then the
 * same refund journal the charge.refunded webhook would post — whichever comes first posts it.
 */
export async function cancelOrder(db: PrismaClient, cfg: PaymentsConfig, actor: Actor, orderId: string): Promise<CancelPreview> {
  const parties = await loadOrderParties(db, actor, orderId);
  assertBuyerActor(actor, parties);
  const o = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, stripePaymentIntentId: true, stripeCheckoutSessionId: true, paidAt: true, settlementMode: true } });
  if (o.status === "CANCELLED" || o.status === "REFUNDED" || o.status === "SETTLED") throw new AppError("CONFLICT", `This order is ${o.status}; it cannot be cancelled.`);
  const p = await previewCancellation(db, orderId);
  if (p.refundCents <= 0) throw new AppError("CONFLICT", "Nothing is left to refund on this order.");
  if (!o.paidAt) {
    await closeOpenCheckout(cfg, o.stripeCheckoutSessionId);
    await db.$transaction(async (tx) => {
      await applyReduction(tx, orderId, p.refundCents, `order:${orderId}:cancel`);
      await recordAudit(tx, { actorId: actor.userId, orgId: parties.buyerOrgId, action: "order.cancel", entityType: "Order", entityId: orderId, data: { ...p } });
    });
    return p;
  }
  if (!cfg.stripe || !o.stripePaymentIntentId) throw new AppError("PRECONDITION_FAILED", "This order was paid outside card payment; refund it with the supplier directly.");
  const refund = await cfg.stripe.refunds.create(
    { payment_intent: o.stripePaymentIntentId, amount: p.refundCents, reason: "requested_by_customer", metadata: { orderId } },
    { idempotencyKey: `order:${orderId}:cancel-refund:${p.refundCents}` },
  );
  await db.$transaction(async (tx) => {
    if (refund.status === "succeeded") await applyRefund(tx, orderId, { refundId: refund.id, amountCents: refund.amount });
    await recordAudit(tx, { actorId: actor.userId, orgId: parties.buyerOrgId, action: "order.cancel", entityType: "Order", entityId: orderId, data: { ...p, refundId: refund.id } });
  });
  // already earned (settled without a payout account yet): give the refunded share back from the earning
  await reverseTransferForRefunds(db, cfg, orderId);
  return p;
}
