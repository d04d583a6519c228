import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { FakeStripe, signedEvent } from "@/tests/helpers/fake-stripe";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { makePaidOrder, type OrderFixtures } from "@/server/modules/orders/test-fixtures";
import { startPayment } from "@/server/modules/payments/start-payment";
import { handleStripeWebhook } from "@/server/modules/payments/webhook";
import { incidentClearingBalance, orderBalances, unbalancedJournals } from "@/server/modules/ledger/balances";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";

// No real Stripe account is used: the SDK talks to a local HTTP server and events are signed locally.
let t: TestDatabase;
let f: OrderFixtures;
const stripe = new FakeStripe();
let cfg: PaymentsConfig;

beforeAll(async () => {
  console.info("[tests] Stripe: NO real Stripe account is used — SDK → local fake server, events signed with generateTestHeaderString.");
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  await stripe.start();
  cfg = stripe.config();
});
afterAll(async () => {
  await stripe.stop();
  await t?.cleanup();
});

async function paidCheckout() {
  const o = await makePaidOrder(t.db, f);
  const step = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
  if (step.mode !== "STRIPE") throw new Error("expected a Checkout Session");
  const done = stripe.completeSession(step.sessionId);
  return { ...o, ...done };
}

const deliver = (e: { payload: string; header: string }) => handleStripeWebhook(t.db, cfg, e.payload, e.header);
const journalCount = (orderId: string, kind: string) => t.db.ledgerJournal.count({ where: { orderId, kind } });

describe("Stripe webhook", () => {
  it("a valid checkout.session.completed marks the order paid with one balanced journal", async () => {
    const o = await paidCheckout();
    const r = await deliver(signedEvent("checkout.session.completed", o.session));
    expect(r).toEqual({ status: 200, body: { received: true, outcome: "paid" } });
    const order = await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true, stripePaymentIntentId: true } });
    expect(order).toEqual({ status: "PAID", stripePaymentIntentId: o.intent.id });
    expect(await journalCount(o.orderId, "order.paid")).toBe(1);
    const bal = await orderBalances(t.db, o.orderId);
    expect(bal.find((b) => b.account === "buyer_receivable")?.balanceCents).toBe(0);
    expect(bal.find((b) => b.account === "stripe_balance")?.balanceCents).toBe(o.amountCents);
    expect(await t.db.stripeEvent.count({ where: { objectId: o.session.id } })).toBe(1);
  });

  it("the same event 3× concurrently, plus the PaymentIntent event out of order → exactly one ledger effect", async () => {
    const o = await paidCheckout();
    const ev = signedEvent("checkout.session.completed", o.session);
    const pi = signedEvent("payment_intent.succeeded", o.intent);
    const results = await Promise.all([deliver(pi), deliver(ev), deliver(ev), deliver(ev)]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.outcome === "paid")).toHaveLength(1);
    expect(await journalCount(o.orderId, "order.paid")).toBe(1);
    expect(await t.db.stripeEvent.count({ where: { id: { in: [ev.id, pi.id] } } })).toBe(2);
    // late redelivery, days later in Stripe's retry schedule: still nothing new
    expect((await deliver(ev)).body.outcome).toBe("duplicate");
    expect(await journalCount(o.orderId, "order.paid")).toBe(1);
  });

  it("a refund delivered before the payment's own event derives the payment first, each once", async () => {
    const o = await paidCheckout();
    stripe.refund(o.intent.id, 5_000);
    const refundEv = signedEvent("charge.refunded", stripe.chargeOf(o.intent.id as string));
    const paidEv = signedEvent("checkout.session.completed", o.session);
    expect((await deliver(refundEv)).body.outcome).toBe("refunds-posted:1");
    expect((await deliver(paidEv)).body.outcome).toBe("already-paid");
    expect(await journalCount(o.orderId, "order.paid")).toBe(1);
    expect(await journalCount(o.orderId, "order.refund")).toBe(1);
    const order = await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true, refundedCents: true } });
    expect(order).toEqual({ status: "PARTIALLY_REFUNDED", refundedCents: 5_000 });
  });

  it("a forged or stale signature → 400 and nothing recorded", async () => {
    const o = await paidCheckout();
    const before = { events: await t.db.stripeEvent.count(), lines: await t.db.ledgerEntry.count() };
    const forged = signedEvent("checkout.session.completed", o.session, { secret: "whsec_attacker" });
    const stale = signedEvent("checkout.session.completed", o.session, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const good = signedEvent("checkout.session.completed", o.session);
    const tampered = { payload: good.payload.replace(`"${o.session.id}"`, `"cs_other"`), header: good.header };
    for (const e of [forged, stale, tampered]) expect((await deliver(e)).status).toBe(400);
    expect((await handleStripeWebhook(t.db, cfg, good.payload, null)).status).toBe(400);
    expect(await t.db.stripeEvent.count()).toBe(before.events);
    expect(await t.db.ledgerEntry.count()).toBe(before.lines);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true } })).status).toBe("PAYABLE");
  });

  it("ignores event types outside the allow-list without recording them; an expired session reopens payment", async () => {
    const o = await makePaidOrder(t.db, f);
    const step = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
    if (step.mode !== "STRIPE") throw new Error("expected Stripe");
    const other = signedEvent("customer.created", { id: "cus_1" });
    expect((await deliver(other)).body.outcome).toBe("ignored-type");
    expect(await t.db.stripeEvent.findUnique({ where: { id: other.id } })).toBeNull();
    // an "expired" event whose session Stripe still reports open is stale: ignored
    expect((await deliver(signedEvent("checkout.session.expired", stripe.sessions.get(step.sessionId)!, { id: "evt_exp_early" }))).body.outcome).toBe("not-expired");
    stripe.expireSession(step.sessionId);
    expect((await deliver(signedEvent("checkout.session.expired", stripe.sessions.get(step.sessionId)!))).body.outcome).toBe("reopened");
    expect((await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true } })).status).toBe("ACCEPTED");
    expect(await unbalancedJournals(t.db)).toEqual([]);
    expect(await incidentClearingBalance(t.db, f.incidentId)).toBeGreaterThan(0);
  });
});
