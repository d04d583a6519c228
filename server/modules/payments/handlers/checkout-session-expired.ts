import type Stripe from "stripe";
import { eventObjectId, type WebhookHandler } from "@/server/modules/payments/handlers/types";

type State = { sessionId: string; expired: boolean };

/**
 * An unpaid Checkout Session expired: the order goes back to ACCEPTED so the requester can start again.
 * A late "expired" for a session that is not the order's current one, or an order already paid, is ignored.
 */
export const checkoutSessionExpired: WebhookHandler<State> = {
  type: "checkout.session.expired",
  async load(stripe: Stripe, event: Stripe.Event) {
    const s = await stripe.checkout.sessions.retrieve(eventObjectId(event));
    return { sessionId: s.id, expired: s.status === "expired" };
  },
  async apply(tx, _cfg, st) {
    if (!st.expired) return "not-expired";
    const n = await tx.order.updateMany({ where: { stripeCheckoutSessionId: st.sessionId, status: "PAYABLE", paidAt: null }, data: { status: "ACCEPTED" } });
    return n.count > 0 ? "reopened" : "ignored";
  },
};
