import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { assertBuyerActor, loadOrderParties } from "@/server/modules/orders/order-access";
import { assertTransition } from "@/server/modules/orders/order-state";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";

export type PaymentStep =
  | { mode: "STRIPE"; checkoutUrl: string; sessionId: string }
  | { mode: "INVOICE"; amountDueCents: number; currency: string; reason: "card_not_configured" | "chosen" };

/**
 * The requester opens a way to pay: a Stripe Checkout Session (card) when Stripe is configured, otherwise
 * (or when asked) an invoice to settle directly with the supplier. Either way the order becomes PAYABLE;
 * the operation never waited for this.
 *
 * The Checkout Session's idempotency key names the order and the session it replaces, so a retried
 * request gets the same session back, while a new attempt after an expired one gets a new session.
 */
export async function startPayment(db: PrismaClient, cfg: PaymentsConfig, actor: Actor, orderId: string, opts: { invoice?: boolean; locale?: string } = {}): Promise<PaymentStep> {
  const parties = await loadOrderParties(db, actor, orderId);
  assertBuyerActor(actor, parties);
  const o = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, status: true, amountCents: true, refundedCents: true, currency: true, stripeCheckoutSessionId: true, need: { select: { title: true } } },
  });
  if (o.status !== "ACCEPTED" && o.status !== "PAYABLE") throw new AppError("CONFLICT", `This order is ${o.status}; there is nothing to pay.`);
  const due = o.amountCents - o.refundedCents;
  if (!cfg.stripe || opts.invoice) {
    await db.$transaction(async (tx) => {
      if (o.status === "ACCEPTED") assertTransition(o.status, "PAYABLE");
      await tx.order.update({ where: { id: o.id }, data: { status: "PAYABLE", settlementMode: "INVOICE" }, select: { id: true } });
      await recordAudit(tx, { actorId: actor.userId, orgId: parties.buyerOrgId, action: "order.invoice", entityType: "Order", entityId: o.id, data: { amountDueCents: due } });
    });
    return { mode: "INVOICE", amountDueCents: due, currency: o.currency, reason: cfg.stripe ? "chosen" : "card_not_configured" };
  }
  if (o.status === "PAYABLE" && o.stripeCheckoutSessionId) {
    // A session still open is the way to pay: hand it out again rather than open a second one.
    const current = await cfg.stripe.checkout.sessions.retrieve(o.stripeCheckoutSessionId);
    if (current.status === "open" && current.url) return { mode: "STRIPE", checkoutUrl: current.url, sessionId: current.id };
  }
  const base = `${cfg.appUrl}/${opts.locale ?? "zh-CN"}/orders/${o.id}`;
  const session = await cfg.stripe.checkout.sessions.create(
    {
      mode: "payment",
      allowed_payment_method_types: ["card"],
      client_reference_id: o.id,
      metadata: { orderId: o.id },
      payment_intent_data: { metadata: { orderId: o.id }, transfer_group: `order_${o.id}` },
      line_items: [{ quantity: 1, price_data: { currency: o.currency.toLowerCase(), unit_amount: due, product_data: { name: o.need?.title ?? `Order ${o.id}` } } }],
      success_url: `${base}?paid=1`,
      cancel_url: base,
    },
    { idempotencyKey: `order:${o.id}:checkout:after:${o.stripeCheckoutSessionId ?? "none"}:${due}` },
  );
  if (!session.url) throw new AppError("INTERNAL_SERVER_ERROR", "Stripe returned a Checkout Session without a URL.");
  await db.$transaction(async (tx) => {
    await tx.order.update({ where: { id: o.id }, data: { status: "PAYABLE", settlementMode: "STRIPE", stripeCheckoutSessionId: session.id }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.userId, orgId: parties.buyerOrgId, action: "order.checkout", entityType: "Order", entityId: o.id, data: { sessionId: session.id, amountCents: due } });
  });
  return { mode: "STRIPE", checkoutUrl: session.url, sessionId: session.id };
}
