import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { FakeStripe, signedEvent } from "@/tests/helpers/fake-stripe";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { makePaidOrder, type OrderFixtures } from "@/server/modules/orders/test-fixtures";
import { startPayment } from "@/server/modules/payments/start-payment";
import { cancelOrder } from "@/server/modules/payments/cancel-order";
import { handleStripeWebhook } from "@/server/modules/payments/webhook";
import { EXCESS_REFUND_QUEUE, excessPaidCents } from "@/server/modules/payments/apply-payment";
import { refundExcessPayment } from "@/server/modules/payments/refund-excess";
import { paymentJobHandlers } from "@/server/jobs/payment-jobs";
import { allJobHandlers } from "@/server/jobs/worker";
import { runJobs } from "@/server/jobs/queue";
import { orderBalances, unbalancedJournals } from "@/server/modules/ledger/balances";
import { requesterSpend } from "@/server/modules/ledger/money-reports";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";

/**
 * The buyer cancels while its Checkout page is still open, then pays anyway: the card money it no longer owes
 * goes back by itself, once, whichever of our refund job and Stripe's charge.refunded event posts it first.
 * No real Stripe account is used: the SDK talks to a local fake server and events are signed locally.
 */
let t: TestDatabase;
let f: OrderFixtures;
const stripe = new FakeStripe();
let cfg: PaymentsConfig;

beforeAll(async () => {
  console.info("[tests] Stripe: NO real Stripe account is used — SDK → local fake server, events signed locally.");
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  await stripe.start();
  cfg = stripe.config();
});
afterAll(async () => {
  await stripe.stop();
  await t?.cleanup();
});

const deliver = (e: { payload: string; header: string }) => handleStripeWebhook(t.db, cfg, e.payload, e.header);
const journals = (orderId: string, kind: string) => t.db.ledgerJournal.count({ where: { orderId, kind } });
const refundsOf = (intentId: string) => [...stripe.refunds.values()].filter((r) => r.payment_intent === intentId);
const balance = async (orderId: string, account: string) => (await orderBalances(t.db, orderId)).find((b) => b.account === account)?.balanceCents ?? 0;

/** The buyer pays in Checkout and, before Stripe's event reaches us, cancels the order (still unpaid here). */
async function paidAfterCancel() {
  const o = await makePaidOrder(t.db, f);
  const step = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
  if (step.mode !== "STRIPE") throw new Error("expected a Checkout Session");
  const paid = stripe.completeSession(step.sessionId);
  const cancelled = await cancelOrder(t.db, cfg, f.actors.dispatcherA, o.orderId);
  expect(cancelled).toMatchObject({ paid: false, refundCents: o.amountCents, keptCents: 0 });
  expect((await deliver(signedEvent("checkout.session.completed", paid.session))).body.outcome).toBe("paid");
  return { ...o, intentId: paid.intent.id };
}

describe("a payment that arrives after the order was cancelled", () => {
  it("cannot happen through a Checkout page still open: cancelling expires it at Stripe, and its expiry reopens nothing", async () => {
    const o = await makePaidOrder(t.db, f);
    const step = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
    if (step.mode !== "STRIPE") throw new Error("expected a Checkout Session");
    await cancelOrder(t.db, cfg, f.actors.dispatcherA, o.orderId);
    const session = stripe.sessions.get(step.sessionId)!;
    expect(session.status).toBe("expired");
    expect((await deliver(signedEvent("checkout.session.expired", session))).body.outcome).toBe("ignored");
    expect((await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true } })).status).toBe("CANCELLED");
  });

  it("is queued with the payment, refunded in full by the worker's job, posted once and told to the buyer", async () => {
    const spent = async () => (await requesterSpend(t.db, f.actors.dispatcherA)).incidents.find((i) => i.incidentId === f.incidentId) ?? null;
    const before = await spent();
    const o = await paidAfterCancel();
    expect(await excessPaidCents(t.db, o.orderId)).toBe(o.amountCents);
    const job = await t.db.job.findUniqueOrThrow({ where: { key: `order:${o.orderId}:excess-refund` }, select: { queue: true, payload: true, doneAt: true } });
    expect(job).toEqual({ queue: EXCESS_REFUND_QUEUE, payload: { orderId: o.orderId }, doneAt: null });

    // The worker runs it (the app's handlers include the queue; Stripe here is the local fake).
    expect(Object.keys(allJobHandlers(t.db))).toContain(EXCESS_REFUND_QUEUE);
    await runJobs(t.db, { queues: [EXCESS_REFUND_QUEUE], handlers: paymentJobHandlers(t.db, cfg), workerId: "test-worker" });
    expect((await t.db.job.findUniqueOrThrow({ where: { key: `order:${o.orderId}:excess-refund` }, select: { doneAt: true } })).doneAt).not.toBeNull();
    const refunds = refundsOf(o.intentId);
    expect(refunds.map((r) => [r.amount, (r.metadata as Record<string, string>).purpose])).toEqual([[o.amountCents, "excess_payment"]]);
    expect(await journals(o.orderId, "order.excess_refund")).toBe(1);
    expect(await excessPaidCents(t.db, o.orderId)).toBe(0);
    expect(await balance(o.orderId, "buyer_receivable")).toBe(0);
    expect(await balance(o.orderId, "stripe_balance")).toBe(0);
    const order = await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true, refundedCents: true } });
    expect(order).toEqual({ status: "CANCELLED", refundedCents: o.amountCents });
    const told = await t.db.notification.findMany({ where: { kind: "order.excessRefunded" }, select: { userId: true, payload: true } });
    expect(told).toEqual([{ userId: f.actors.dispatcherA.userId, payload: { orderId: o.orderId, amountCents: o.amountCents } }]);
    expect(await t.db.auditEvent.count({ where: { entityId: o.orderId, action: "order.excessRefund" } })).toBe(1);

    // A retried job and Stripe's own event for that refund add nothing.
    expect(await refundExcessPayment(t.db, cfg, o.orderId)).toBe("none");
    expect(refundsOf(o.intentId)).toHaveLength(1);
    expect((await deliver(signedEvent("charge.refunded", stripe.chargeOf(o.intentId)))).body.outcome).toBe("refunds-posted:0");
    expect(await journals(o.orderId, "order.excess_refund")).toBe(1);
    expect(await journals(o.orderId, "order.refund")).toBe(0);
    expect(await unbalancedJournals(t.db)).toEqual([]);
    // The requester's spend: an order cancelled before it was owed, paid and returned, cost nothing.
    expect(await spent()).toEqual(before);
  });

  it("when Stripe's charge.refunded event comes first, it posts the excess refund, and the job then asks for nothing", async () => {
    const o = await paidAfterCancel();
    stripe.refund(o.intentId, o.amountCents, { orderId: o.orderId, purpose: "excess_payment" });
    expect((await deliver(signedEvent("charge.refunded", stripe.chargeOf(o.intentId)))).body.outcome).toBe("refunds-posted:1");
    expect(await journals(o.orderId, "order.excess_refund")).toBe(1);
    expect(await journals(o.orderId, "order.refund")).toBe(0);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { refundedCents: true } })).refundedCents).toBe(o.amountCents);
    expect(await refundExcessPayment(t.db, cfg, o.orderId)).toBe("none");
    expect(refundsOf(o.intentId)).toHaveLength(1);
    expect(await balance(o.orderId, "buyer_receivable")).toBe(0);
  });

  it("an order paid while it was owed queues nothing", async () => {
    const o = await makePaidOrder(t.db, f);
    const step = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
    if (step.mode !== "STRIPE") throw new Error("expected a Checkout Session");
    const paid = stripe.completeSession(step.sessionId);
    expect((await deliver(signedEvent("checkout.session.completed", paid.session))).body.outcome).toBe("paid");
    expect(await excessPaidCents(t.db, o.orderId)).toBe(0);
    expect(await t.db.job.count({ where: { key: `order:${o.orderId}:excess-refund` } })).toBe(0);
    expect(await refundExcessPayment(t.db, cfg, o.orderId)).toBe("none");
    expect(refundsOf(paid.intent.id)).toHaveLength(0);
  });
});
