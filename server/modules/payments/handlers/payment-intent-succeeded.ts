import type Stripe from "stripe";
import { applyPaid } from "@/server/modules/payments/apply-payment";
import { eventObjectId, type WebhookHandler } from "@/server/modules/payments/handlers/types";

type State = { orderId: string | null; succeeded: boolean; amountCents: number; paymentIntentId: string };

/** The PaymentIntent behind a Checkout Session succeeded: the same "paid" fact, keyed per order. */
export const paymentIntentSucceeded: WebhookHandler<State> = {
  type: "payment_intent.succeeded",
  async load(stripe: Stripe, event: Stripe.Event) {
    const pi = await stripe.paymentIntents.retrieve(eventObjectId(event));
    return { orderId: pi.metadata?.orderId ?? null, succeeded: pi.status === "succeeded", amountCents: pi.amount_received, paymentIntentId: pi.id };
  },
  async apply(tx, _cfg, st) {
    if (!st.succeeded) return "not-succeeded";
    const order = st.orderId
      ? await tx.order.findUnique({ where: { id: st.orderId }, select: { id: true } })
      : await tx.order.findUnique({ where: { stripePaymentIntentId: st.paymentIntentId }, select: { id: true } });
    if (!order) return "unknown-order";
    return (await applyPaid(tx, order.id, { amountCents: st.amountCents, paymentIntentId: st.paymentIntentId })) ? "paid" : "already-paid";
  },
};
