import type Stripe from "stripe";
import { applyExcessRefund, applyPaid, applyRefund } from "@/server/modules/payments/apply-payment";
import { eventObjectId, type WebhookHandler } from "@/server/modules/payments/handlers/types";
import { idOf } from "@/server/modules/payments/stripe-client";
import { reverseTransferForRefunds } from "@/server/modules/payments/refund-after-payout";

type State = { orderId: string | null; paymentIntentId: string | null; capturedCents: number; refunds: { id: string; amount: number; excess: boolean }[] };

/**
 * A charge was (partly) refunded: re-read the charge and every refund on its PaymentIntent, and post each
 * succeeded refund once (keyed by refund id). If this arrives before the payment's own event, the
 * payment is derived first from the charge — the same journal, the same key. A refund of money the buyer did
 * not owe (refund-excess.ts marks it) takes the excess journal instead, under the same refund-id key.
 */
export const chargeRefunded: WebhookHandler<State> = {
  type: "charge.refunded",
  async load(stripe: Stripe, event: Stripe.Event) {
    const charge = await stripe.charges.retrieve(eventObjectId(event));
    const paymentIntentId = idOf(charge.payment_intent);
    let orderId = charge.metadata?.orderId ?? null;
    if (!orderId && paymentIntentId) orderId = (await stripe.paymentIntents.retrieve(paymentIntentId)).metadata?.orderId ?? null;
    const list = paymentIntentId ? await stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 }) : { data: [] as Stripe.Refund[] };
    return {
      orderId,
      paymentIntentId,
      capturedCents: charge.paid ? charge.amount_captured : 0,
      refunds: list.data.filter((r) => r.status === "succeeded").map((r) => ({ id: r.id, amount: r.amount, excess: r.metadata?.purpose === "excess_payment" })),
    };
  },
  async apply(tx, _cfg, st) {
    const order = st.orderId
      ? await tx.order.findUnique({ where: { id: st.orderId }, select: { id: true } })
      : st.paymentIntentId
        ? await tx.order.findUnique({ where: { stripePaymentIntentId: st.paymentIntentId }, select: { id: true } })
        : null;
    if (!order) return "unknown-order";
    if (st.capturedCents > 0) await applyPaid(tx, order.id, { amountCents: st.capturedCents, paymentIntentId: st.paymentIntentId });
    let posted = 0;
    for (const r of st.refunds) if (await (r.excess ? applyExcessRefund : applyRefund)(tx, order.id, { refundId: r.id, amountCents: r.amount })) posted++;
    return `refunds-posted:${posted}`;
  },
  // A refund after the supplier was paid out (e.g. from the Stripe Dashboard): un-earn and reverse its share.
  async after(db, cfg, st) {
    const order = st.orderId
      ? await db.order.findUnique({ where: { id: st.orderId }, select: { id: true } })
      : st.paymentIntentId ? await db.order.findUnique({ where: { stripePaymentIntentId: st.paymentIntentId }, select: { id: true } }) : null;
    if (order && st.refunds.length > 0) await reverseTransferForRefunds(db, cfg, order.id);
  },
};
