import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { FakeStripe, signedEvent } from "@/tests/helpers/fake-stripe";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { makePaidOrder, type OrderFixtures } from "@/server/modules/orders/test-fixtures";
import { startPayment } from "@/server/modules/payments/start-payment";
import { confirmInvoicePaid, settleOrder } from "@/server/modules/payments/settle-order";
import { connectOnboardingLink } from "@/server/modules/payments/connect";
import { handleStripeWebhook } from "@/server/modules/payments/webhook";
import { refundAfterPayout } from "@/server/modules/payments/refund-after-payout";
import { makePaymentsConfig, type PaymentsConfig } from "@/server/modules/payments/stripe-client";
import { balanceOf, orderBalances, unbalancedJournals } from "@/server/modules/ledger/balances";
import { getOrderDetail } from "@/server/modules/orders/read-orders";
import { supplierEarnings } from "@/server/modules/ledger/money-reports";

// No real Stripe account is used: the real SDK is pointed at a local HTTP server that records each request.
let t: TestDatabase;
let f: OrderFixtures;
const stripe = new FakeStripe();
let cfg: PaymentsConfig;
let accountId: string;

beforeAll(async () => {
  console.info("[tests] Stripe: NO real Stripe account is used — refunds and transfer reversals go through the stripe SDK to a local HTTP server.");
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  await stripe.start();
  cfg = stripe.config(500);
  const owner = { ...f.actors.supplier, memberships: f.actors.supplier.memberships.map((m) => ({ ...m, orgRole: "OWNER" as const })) };
  accountId = (await connectOnboardingLink(t.db, cfg, owner, f.orgs.enterprise)).accountId;
  const ev = signedEvent("account.updated", stripe.enableAccount(accountId));
  await handleStripeWebhook(t.db, cfg, ev.payload, ev.header);
});
afterAll(async () => {
  await stripe.stop();
  await t?.cleanup();
});

const posts = (path: string) => stripe.requests.filter((r) => r.method === "POST" && r.path === path);

/** A card order paid, completed and paid out to the supplier's Connect account. */
async function settledCardOrder(priceCents: number) {
  const o = await makePaidOrder(t.db, f, { priceCents, hours: 1 });
  const step = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
  if (step.mode !== "STRIPE") throw new Error("expected Stripe");
  const done = stripe.completeSession(step.sessionId);
  const e = signedEvent("checkout.session.completed", done.session);
  expect((await handleStripeWebhook(t.db, cfg, e.payload, e.header)).status).toBe(200);
  await t.db.assignment.update({ where: { id: o.assignmentId }, data: { status: "COMPLETED", completedAt: new Date() } });
  const settled = await settleOrder(t.db, cfg, f.actors.dispatcherA, o.orderId);
  expect(settled.status).toBe("SETTLED");
  return { ...o, intentId: done.intent.id as string, transferId: settled.transferId! };
}

describe("a refund after the supplier was paid out", () => {
  it("card: refunds through Stripe, reverses the supplier's share of the Connect transfer (idempotency key), and the clearing account returns to zero", async () => {
    const o = await settledCardOrder(10_000); // fee 500, transfer 9 500
    expect(stripe.transfers.get(o.transferId)).toMatchObject({ amount: 9_500, destination: accountId });
    await expect(refundAfterPayout(t.db, cfg, f.actors.supplier, { orderId: o.orderId, amountCents: 4_000 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(refundAfterPayout(t.db, cfg, f.actors.dispatcherA, { orderId: o.orderId, amountCents: 10_001 })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT", fieldErrors: { amountCents: ["errors.refundAmount"] } });

    // the order page offers it to the buyer's dispatcher only, once settled
    expect((await getOrderDetail(t.db, f.actors.dispatcherA, o.orderId, true)).can.refundAfterPayout).toBe(true);
    expect((await getOrderDetail(t.db, f.actors.dispatcherA, o.orderId, false)).can.refundAfterPayout).toBe(false); // card order, card not configured
    expect((await getOrderDetail(t.db, f.actors.supplier, o.orderId, true)).can.refundAfterPayout).toBe(false);
    const earnings = async () => (await supplierEarnings(t.db, f.actors.supplier)).orgs.find((x) => x.orgId === f.orgs.enterprise)!;
    const before = await earnings();
    const r = await refundAfterPayout(t.db, cfg, f.actors.dispatcherA, { orderId: o.orderId, amountCents: 4_000 });
    expect(r).toMatchObject({ mode: "STRIPE", unearnedCents: 4_000, reversedCents: 3_800 });
    const refundReq = posts("/v1/refunds").at(-1)!;
    expect(refundReq.params).toMatchObject({ payment_intent: o.intentId, amount: "4000" });
    expect(refundReq.idempotencyKey).toBe(`order:${o.orderId}:refund-after-payout:0:4000`);
    const rev = posts(`/v1/transfers/${o.transferId}/reversals`);
    expect(rev).toHaveLength(1);
    expect(rev[0]!.params).toMatchObject({ amount: "3800", "metadata[orderId]": o.orderId });
    expect(rev[0]!.idempotencyKey).toBe(`order:${o.orderId}:transfer-reversal:4000`);

    let bal = await orderBalances(t.db, o.orderId);
    expect(balanceOf(bal, "incident_clearing")).toBe(0);
    expect(balanceOf(bal, "supplier_payable")).toBe(0);
    expect(balanceOf(bal, "platform_fees")).toBe(300);
    // the supplier's earnings page: 3 800 less earned and 3 800 less paid out (not 3 800 more of each)
    expect(await earnings()).toMatchObject({ earnedCents: before.earnedCents - 3_800, paidOutCents: before.paidOutCents - 3_800, awaitingCents: before.awaitingCents }); // the fee on what was kept (6 000 × 5 %)
    expect(balanceOf(bal, "stripe_balance")).toBe(300);
    expect(await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true, refundedCents: true } })).toEqual({ status: "SETTLED", refundedCents: 4_000 });

    // Stripe's charge.refunded for that refund arrives later (and twice): nothing more is posted or reversed
    for (let i = 0; i < 2; i++) {
      const ev = signedEvent("charge.refunded", stripe.chargeOf(o.intentId), { id: `evt_late_${i}_${o.orderId}` });
      expect((await handleStripeWebhook(t.db, cfg, ev.payload, ev.header)).body.outcome).toBe("refunds-posted:0");
    }
    expect(posts(`/v1/transfers/${o.transferId}/reversals`)).toHaveLength(1);

    // the rest refunded from the Stripe Dashboard: the webhook posts it and reverses the rest of the transfer
    stripe.refund(o.intentId, 6_000);
    const ev = signedEvent("charge.refunded", stripe.chargeOf(o.intentId), { id: `evt_dash_${o.orderId}` });
    expect((await handleStripeWebhook(t.db, cfg, ev.payload, ev.header)).body.outcome).toBe("refunds-posted:1");
    const revs = posts(`/v1/transfers/${o.transferId}/reversals`);
    expect(revs).toHaveLength(2);
    expect(revs[1]).toMatchObject({ params: { amount: "5700" }, idempotencyKey: `order:${o.orderId}:transfer-reversal:10000` });
    expect(stripe.transfers.get(o.transferId)).toMatchObject({ amount_reversed: 9_500, reversed: true });
    bal = await orderBalances(t.db, o.orderId);
    for (const a of ["incident_clearing", "supplier_payable", "platform_fees", "stripe_balance", "buyer_receivable"] as const) expect(balanceOf(bal, a), a).toBe(0);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true } })).status).toBe("REFUNDED");
    expect((await getOrderDetail(t.db, f.actors.dispatcherA, o.orderId, true)).can.refundAfterPayout).toBe(false);
    // settling again retries nothing: all is allocated
    await expect(settleOrder(t.db, cfg, f.actors.dispatcherA, o.orderId)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(posts(`/v1/transfers/${o.transferId}/reversals`)).toHaveLength(2);
    expect(await unbalancedJournals(t.db)).toEqual([]);
  });

  it("a failed reversal leaves the supplier's share owed (an open item) and a later settle call retries it with the same key", async () => {
    const o = await settledCardOrder(20_000); // fee 1 000, transfer 19 000
    stripe.transfers.delete(o.transferId); // Stripe answers 404 to the reversal
    stripe.refund(o.intentId, 5_000);
    const ev = signedEvent("charge.refunded", stripe.chargeOf(o.intentId), { id: `evt_fail_${o.orderId}` });
    expect((await handleStripeWebhook(t.db, cfg, ev.payload, ev.header)).status).toBe(200);
    let bal = await orderBalances(t.db, o.orderId);
    expect(balanceOf(bal, "incident_clearing")).toBe(-5_000); // refunded, not yet un-earned: an open item
    stripe.transfers.set(o.transferId, { id: o.transferId, object: "transfer", amount: 19_000, currency: "cny", destination: accountId });
    await settleOrder(t.db, cfg, f.actors.dispatcherA, o.orderId);
    const revs = posts(`/v1/transfers/${o.transferId}/reversals`);
    expect(revs.at(-1)).toMatchObject({ params: { amount: "4750" }, idempotencyKey: `order:${o.orderId}:transfer-reversal:5000` });
    bal = await orderBalances(t.db, o.orderId);
    expect(balanceOf(bal, "incident_clearing")).toBe(0);
    expect(balanceOf(bal, "supplier_payable")).toBe(0);
    expect(balanceOf(bal, "stripe_balance")).toBe(balanceOf(bal, "platform_fees"));
  });

  it("invoice path: the supplier's repayment is recorded as owed to the buyer; the clearing account stays at zero; no Stripe call", async () => {
    const noKeys = makePaymentsConfig({});
    const o = await makePaidOrder(t.db, f, { priceCents: 5_000, hours: 2 });
    await startPayment(t.db, noKeys, f.actors.dispatcherA, o.orderId);
    await confirmInvoicePaid(t.db, f.actors.supplier, o.orderId);
    expect((await getOrderDetail(t.db, f.actors.dispatcherA, o.orderId, false)).can.refundAfterPayout).toBe(true);
    const sent = stripe.requests.length;
    const e0 = (await supplierEarnings(t.db, f.actors.supplier)).orgs.find((x) => x.orgId === f.orgs.enterprise)!;
    expect(await refundAfterPayout(t.db, noKeys, f.actors.dispatcherA, { orderId: o.orderId, amountCents: 2_500 })).toEqual({ mode: "INVOICE", owedBySupplierCents: 2_500 });
    const e1 = (await supplierEarnings(t.db, f.actors.supplier)).orgs.find((x) => x.orgId === f.orgs.enterprise)!;
    expect(e1).toMatchObject({ earnedCents: e0.earnedCents - 2_500, paidOutCents: e0.paidOutCents, awaitingCents: e0.awaitingCents - 2_500 });
    const bal = await orderBalances(t.db, o.orderId);
    expect(balanceOf(bal, "incident_clearing")).toBe(0);
    expect(balanceOf(bal, "supplier_payable", f.orgs.enterprise)).toBe(-2_500); // the supplier owes it back
    expect(balanceOf(bal, "buyer_receivable", f.orgs.govA)).toBe(-2_500); // the buyer is owed it
    expect(await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true, refundedCents: true } })).toEqual({ status: "SETTLED", refundedCents: 2_500 });
    await expect(refundAfterPayout(t.db, noKeys, f.actors.dispatcherA, { orderId: o.orderId, amountCents: 7_501 })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    expect(stripe.requests.length).toBe(sent);
    expect(await unbalancedJournals(t.db)).toEqual([]);
  });
});
