import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { FakeStripe, signedEvent } from "@/tests/helpers/fake-stripe";
import { mulberry32 } from "@/lib/prng";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { makePaidOrder, type OrderFixtures } from "@/server/modules/orders/test-fixtures";
import { startPayment } from "@/server/modules/payments/start-payment";
import { cancelOrder } from "@/server/modules/payments/cancel-order";
import { confirmInvoicePaid, settleOrder } from "@/server/modules/payments/settle-order";
import { handleStripeWebhook } from "@/server/modules/payments/webhook";
import { makePaymentsConfig, type PaymentsConfig } from "@/server/modules/payments/stripe-client";
import { balanceOf, incidentBalances, incidentClearingBalance, orderBalances, orgBalances, platformBalances, unbalancedJournals } from "@/server/modules/ledger/balances";

/**
 * A deterministic settlement simulator: random orders, card payments, partial and full refunds, invoices and
 * cancellations, with every signed webhook delivered shuffled, duplicated, concurrently and late. No real
 * Stripe account is used (the SDK talks to a local fake server).
 */
const SEED = 20261206;
const ORDERS = 16;

let t: TestDatabase;
let f: OrderFixtures;
const stripe = new FakeStripe();
let cfg: PaymentsConfig;
const rnd = mulberry32(SEED);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
type Delivery = { payload: string; header: string };

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Every event 1–3 times, shuffled, delivered four at a time concurrently. */
async function deliverAll(events: Delivery[]) {
  const stream = shuffle(events.flatMap((e) => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => e)));
  for (let i = 0; i < stream.length; i += 4) {
    const res = await Promise.all(stream.slice(i, i + 4).map((e) => handleStripeWebhook(t.db, cfg, e.payload, e.header)));
    for (const r of res) expect(r.status).toBe(200);
  }
}

async function snapshot() {
  const lines = await t.db.ledgerEntry.findMany({ select: { account: true, orgId: true, incidentId: true, debitCents: true, creditCents: true } });
  const orders = await t.db.order.findMany({ select: { id: true, status: true, refundedCents: true, feeCents: true }, orderBy: { id: "asc" } });
  return { lines: lines.length, orders, events: await t.db.stripeEvent.count(), entries: lines };
}

beforeAll(async () => {
  console.info(`[tests] settlement simulator, seed ${SEED}: NO real Stripe account is used.`);
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  await stripe.start();
  cfg = stripe.config(750);
  await t.db.organization.update({ where: { id: f.orgs.enterprise }, data: { stripeAccountId: "acct_sim", stripePayoutsEnabled: true } });
});
afterAll(async () => {
  await stripe.stop();
  await t?.cleanup();
});

describe("settlement simulator", () => {
  it("every journal balances, balances equal their entries, settled incidents clear to zero, replay changes nothing", async () => {
    const second = await t.db.incident.create({
      data: { orgId: f.orgs.govA, createdById: f.actors.dispatcherA.userId, title: "第二起", kind: "FLOOD", severity: "IV", status: "ACTIVE", lat: 32.05, lng: 118.79, address: "南京", regionCode: "320102" },
      select: { id: true },
    });
    const incidents = [f.incidentId, second.id];
    const events: Delivery[] = [];
    const plans: { orderId: string; assignmentId: string; incidentId: string; plan: string }[] = [];
    for (let i = 0; i < ORDERS; i++) {
      // the first incident keeps one card order unsettled (an open item); the second ends fully settled
      const incidentId = i === 0 ? incidents[0]! : pick(incidents);
      const o = await makePaidOrder(t.db, f, { priceCents: 1_000 + Math.floor(rnd() * 50_000), hours: 1 + Math.floor(rnd() * 10), incidentId });
      const terminalPlans = ["card-settle", "card-partial-settle", "card-full-refund", "invoice", "cancel-unpaid"] as const;
      const plan = i === 0 ? "card-unsettled" : incidentId === incidents[1] ? pick(terminalPlans) : pick([...terminalPlans, "card-unsettled"] as const);
      plans.push({ ...o, incidentId, plan });
      if (plan === "invoice") {
        await startPayment(t.db, makePaymentsConfig({}), f.actors.dispatcherA, o.orderId);
        await confirmInvoicePaid(t.db, f.actors.supplier, o.orderId);
        continue;
      }
      if (plan === "cancel-unpaid") {
        await cancelOrder(t.db, cfg, f.actors.dispatcherA, o.orderId);
        continue;
      }
      const step = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
      if (step.mode !== "STRIPE") throw new Error("expected Stripe");
      const paid = stripe.completeSession(step.sessionId);
      events.push(signedEvent("checkout.session.completed", paid.session), signedEvent("payment_intent.succeeded", paid.intent));
      // a stale "expired" for this session (Stripe now reports it complete): re-read and ignored
      events.push(signedEvent("checkout.session.expired", { ...paid.session, status: "expired" }, { id: `evt_exp_${o.orderId}` }));
      if (plan === "card-partial-settle" || plan === "card-full-refund") {
        const amount = Number(paid.intent.amount);
        const first = plan === "card-full-refund" ? Math.floor(amount / 2) : Math.max(1, Math.floor(amount * rnd() * 0.5));
        stripe.refund(paid.intent.id, first);
        // each charge.refunded event is its own delivery (new id), carrying the charge as it was then
        events.push(signedEvent("charge.refunded", { ...stripe.chargeOf(paid.intent.id) }, { id: `evt_ref1_${o.orderId}` }));
        if (plan === "card-full-refund") {
          stripe.refund(paid.intent.id, amount - first);
          events.push(signedEvent("charge.refunded", { ...stripe.chargeOf(paid.intent.id) }, { id: `evt_ref2_${o.orderId}` }));
        }
      }
    }
    // and an event type we do not handle
    events.push(signedEvent("customer.created", { id: "cus_sim" }));
    await deliverAll(events);

    // the work is done for every card order but the "unsettled" ones; the requester releases payment
    for (const p of plans.filter((x) => x.plan === "card-settle" || x.plan === "card-partial-settle")) {
      await t.db.assignment.update({ where: { id: p.assignmentId }, data: { status: "COMPLETED", completedAt: new Date() } });
      expect((await settleOrder(t.db, cfg, null, p.orderId)).status).toBe("SETTLED");
    }

    // 1. every journal balances
    expect(await unbalancedJournals(t.db)).toEqual([]);
    // 2. every derived balance equals the sum of its entries
    const s1 = await snapshot();
    for (const incidentId of incidents) {
      for (const b of await incidentBalances(t.db, incidentId)) {
        const mine = s1.entries.filter((e) => e.incidentId === incidentId && e.account === b.account && e.orgId === b.orgId);
        expect(b.debitCents).toBe(mine.reduce((x, e) => x + e.debitCents, 0));
        expect(b.creditCents).toBe(mine.reduce((x, e) => x + e.creditCents, 0));
      }
    }
    for (const b of await orgBalances(t.db, f.orgs.govA)) {
      const mine = s1.entries.filter((e) => e.orgId === f.orgs.govA && e.account === b.account);
      expect(b.debitCents - b.creditCents).toBe(mine.reduce((x, e) => x + e.debitCents - e.creditCents, 0));
    }
    // 3. money is conserved per order: nothing owed by buyers once paid or cancelled, nothing left payable to
    //    suppliers, and the platform's Stripe balance holds exactly its fees plus paid-but-unsettled orders
    let expectedStripe = 0;
    for (const p of plans) {
      const bal = await orderBalances(t.db, p.orderId);
      expect(balanceOf(bal, "buyer_receivable"), `${p.plan} ${p.orderId} receivable`).toBe(0);
      expect(balanceOf(bal, "supplier_payable"), `${p.plan} ${p.orderId} payable`).toBe(0);
      const o = s1.orders.find((x) => x.id === p.orderId)!;
      const amount = (await t.db.order.findUniqueOrThrow({ where: { id: p.orderId }, select: { amountCents: true } })).amountCents;
      if (p.plan === "card-unsettled") expectedStripe += amount - o.refundedCents;
      else if (p.plan !== "invoice" && p.plan !== "cancel-unpaid") expectedStripe += o.feeCents;
    }
    expect(balanceOf(await platformBalances(t.db), "stripe_balance")).toBe(expectedStripe);

    // 4. an incident whose orders are all terminal clears to zero; one with open orders does not
    const terminal = new Set(["SETTLED", "REFUNDED", "CANCELLED"]);
    let cleared = 0;
    let open = 0;
    const statuses = new Map(s1.orders.map((o) => [o.id, o.status]));
    for (const incidentId of incidents) {
      const mine = plans.filter((p) => p.incidentId === incidentId);
      const settled = mine.every((p) => terminal.has(statuses.get(p.orderId)!));
      const clearing = await incidentClearingBalance(t.db, incidentId);
      if (settled) {
        expect(clearing).toBe(0);
        cleared++;
      } else {
        expect(clearing).toBeGreaterThan(0);
        open++;
      }
    }
    expect({ cleared, open }).toEqual({ cleared: 1, open: 1 });
    const fullRefunds = plans.filter((p) => p.plan === "card-full-refund");
    for (const p of fullRefunds) expect(statuses.get(p.orderId)).toBe("REFUNDED");
    for (const p of plans.filter((x) => x.plan === "cancel-unpaid")) expect(statuses.get(p.orderId)).toBe("CANCELLED");
    expect(new Set(plans.map((p) => p.plan)).size).toBeGreaterThanOrEqual(5);

    // 5. replaying the whole stream (again shuffled and duplicated) and settling again changes nothing
    await deliverAll(events);
    for (const p of plans.filter((x) => x.plan === "card-settle" || x.plan === "card-partial-settle")) await settleOrder(t.db, cfg, null, p.orderId);
    const s2 = await snapshot();
    expect(s2.lines).toBe(s1.lines);
    expect(s2.orders).toEqual(s1.orders);
    expect(s2.events).toBe(s1.events);
  });
});
