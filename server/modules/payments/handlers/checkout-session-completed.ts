import type Stripe from "stripe";
import { applyPaid } from "@/server/modules/payments/apply-payment";
import { eventObjectId, type WebhookHandler } from "@/server/modules/payments/handlers/types";
import { idOf } from "@/server/modules/payments/stripe-client";

type State = { orderId: string | null; paid: boolean; amountCents: number; paymentIntentId: string | null; sessionId: string };

/** Card payment finished: re-read the session; only payment_status "paid" counts (async methods may lag). */
export const checkoutSessionCompleted: WebhookHandler<State> = {
  type: "checkout.session.completed",
  async load(stripe: Stripe, event: Stripe.Event) {
    const s = await stripe.checkout.sessions.retrieve(eventObjectId(event));
    return {
      orderId: s.metadata?.orderId ?? s.client_reference_id ?? null,
      paid: s.payment_status === "paid",
      amountCents: s.amount_total ?? 0,
      paymentIntentId: idOf(s.payment_intent),
      sessionId: s.id,
    };
  },
  async apply(tx, _cfg, st) {
    if (!st.orderId || !st.paid) return "not-paid";
    const exists = await tx.order.findUnique({ where: { id: st.orderId }, select: { id: true } });
    if (!exists) return "unknown-order";
    return (await applyPaid(tx, st.orderId, { amountCents: st.amountCents, paymentIntentId: st.paymentIntentId, sessionId: st.sessionId })) ? "paid" : "already-paid";
  },
};
