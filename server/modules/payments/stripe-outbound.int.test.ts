import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { FakeStripe, signedEvent } from "@/tests/helpers/fake-stripe";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { makePaidOrder, type OrderFixtures } from "@/server/modules/orders/test-fixtures";
import { startPayment } from "@/server/modules/payments/start-payment";
import { cancelOrder, previewCancellation } from "@/server/modules/payments/cancel-order";
import { confirmInvoicePaid, settleOrder } from "@/server/modules/payments/settle-order";
import { connectOnboardingLink } from "@/server/modules/payments/connect";
import { handleStripeWebhook } from "@/server/modules/payments/webhook";
import { makePaymentsConfig, type PaymentsConfig } from "@/server/modules/payments/stripe-client";
import { balanceOf, orderBalances } from "@/server/modules/ledger/balances";

// No real Stripe account is used: the real SDK is pointed at a local HTTP server that records each request.
let t: TestDatabase;
let f: OrderFixtures;
const stripe = new FakeStripe();
let cfg: PaymentsConfig;
const noKeys = makePaymentsConfig({});

beforeAll(async () => {
  console.info("[tests] Stripe: NO real Stripe account is used — outbound calls go through the stripe SDK to a local HTTP server.");
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  await stripe.start();
  cfg = stripe.config(500);
});
afterAll(async () => {
  await stripe.stop();
  await t?.cleanup();
});

const lastPost = (path: string) => [...stripe.requests].reverse().find((r) => r.method === "POST" && r.path === path)!;

async function pay(orderId: string) {
  const step = await startPayment(t.db, cfg, f.actors.dispatcherA, orderId);
  if (step.mode !== "STRIPE") throw new Error("expected Stripe");
  const done = stripe.completeSession(step.sessionId);
  const e = signedEvent("checkout.session.completed", done.session);
  expect((await handleStripeWebhook(t.db, cfg, e.payload, e.header)).status).toBe(200);
  return done;
}

describe("outbound Stripe calls (real SDK → local server)", () => {
  it("acceptance creates the order at the quoted price without waiting for any payment", async () => {
    const o = await makePaidOrder(t.db, f, { priceCents: 30_000, hours: 4 });
    const a = await t.db.assignment.findUniqueOrThrow({ where: { id: o.assignmentId }, select: { status: true, quote: true } });
    expect(a.status).toBe("ACCEPTED");
    expect(o.amountCents).toBe(120_000);
    // a later price change never touches the sent quote or the order
    await t.db.resource.update({ where: { id: o.resourceId }, data: { priceCents: 99_999 } });
    const order = await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true, amountCents: true, quote: true } });
    expect(order).toMatchObject({ status: "ACCEPTED", amountCents: 120_000 });
    expect(order.quote).toEqual(a.quote);
    expect(stripe.requests).toHaveLength(0);
  });

  it("Checkout Session: amount, currency, metadata and an idempotency key; a retried request reuses the session", async () => {
    const o = await makePaidOrder(t.db, f, { priceCents: 12_345, hours: 2 });
    const first = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
    const req = lastPost("/v1/checkout/sessions");
    expect(req.params).toMatchObject({
      mode: "payment",
      client_reference_id: o.orderId,
      "metadata[orderId]": o.orderId,
      "payment_intent_data[metadata][orderId]": o.orderId,
      "line_items[0][price_data][currency]": "cny",
      "line_items[0][price_data][unit_amount]": "24690",
      "line_items[0][quantity]": "1",
    });
    expect(req.idempotencyKey).toBe(`order:${o.orderId}:checkout:after:none:24690`);
    expect(req.authorization).toBe("Bearer sk_test_local_only");
    if (first.mode !== "STRIPE") throw new Error("expected Stripe");
    // pressing "pay" again while the session is open hands out the same session (no second create)
    const again = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
    expect(again).toEqual(first);
    expect(stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions")).toHaveLength(1);
    // after it expired, a new session under a new key naming the one it replaces
    stripe.expireSession(first.sessionId);
    const third = await startPayment(t.db, cfg, f.actors.dispatcherA, o.orderId);
    expect(third.mode === "STRIPE" && third.sessionId).not.toBe(first.sessionId);
    expect(lastPost("/v1/checkout/sessions").idempotencyKey).toBe(`order:${o.orderId}:checkout:after:${first.sessionId}:24690`);
  });

  it("Connect onboarding (owner only), then settlement transfers the amount less the platform fee, once", async () => {
    await expect(connectOnboardingLink(t.db, cfg, f.actors.supplier, f.orgs.enterprise)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const owner = { ...f.actors.supplier, memberships: f.actors.supplier.memberships.map((m) => ({ ...m, orgRole: "OWNER" as const })) };
    const link = await connectOnboardingLink(t.db, cfg, owner, f.orgs.enterprise);
    const acct = lastPost("/v1/accounts");
    expect(acct.params).toMatchObject({ type: "express", "capabilities[transfers][requested]": "true", "metadata[orgId]": f.orgs.enterprise });
    expect(acct.idempotencyKey).toBe(`org:${f.orgs.enterprise}:connect-account`);
    expect(lastPost("/v1/account_links").params).toMatchObject({ account: link.accountId, type: "account_onboarding" });
    expect(lastPost("/v1/account_links").idempotencyKey).toMatch(new RegExp(`^org:${f.orgs.enterprise}:account-link:`));
    // a second onboarding reuses the account
    await connectOnboardingLink(t.db, cfg, owner, f.orgs.enterprise);
    expect(stripe.requests.filter((r) => r.path === "/v1/accounts")).toHaveLength(1);
    // Stripe reports the account ready (re-read on account.updated)
    const ev = signedEvent("account.updated", stripe.enableAccount(link.accountId));
    expect((await handleStripeWebhook(t.db, cfg, ev.payload, ev.header)).body.outcome).toBe("payouts:true");

    const o = await makePaidOrder(t.db, f, { priceCents: 10_050, hours: 1 });
    await pay(o.orderId);
    await expect(settleOrder(t.db, cfg, f.actors.dispatcherA, o.orderId)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await t.db.assignment.update({ where: { id: o.assignmentId }, data: { status: "COMPLETED", completedAt: new Date() } });
    const r = await settleOrder(t.db, cfg, f.actors.dispatcherA, o.orderId);
    const tr = lastPost("/v1/transfers");
    expect(tr.params).toMatchObject({ amount: String(10_050 - 503), currency: "cny", destination: link.accountId, transfer_group: `order_${o.orderId}` });
    expect(tr.idempotencyKey).toBe(`order:${o.orderId}:transfer`);
    expect(r.status).toBe("SETTLED");
    const bal = await orderBalances(t.db, o.orderId);
    expect(balanceOf(bal, "platform_fees")).toBe(503);
    expect(balanceOf(bal, "supplier_payable")).toBe(0);
    expect(balanceOf(bal, "incident_clearing")).toBe(0);
    expect(balanceOf(bal, "stripe_balance")).toBe(503);
    // settling again changes nothing and calls Stripe no more
    const transfers = stripe.requests.filter((x) => x.path === "/v1/transfers").length;
    await settleOrder(t.db, cfg, f.actors.dispatcherA, o.orderId);
    expect(stripe.requests.filter((x) => x.path === "/v1/transfers")).toHaveLength(transfers);
  });

  it("cancellation after mobilisation refunds the amount less the stated share, shown before acting", async () => {
    const o = await makePaidOrder(t.db, f, { priceCents: 10_000, hours: 1 });
    const before = await previewCancellation(t.db, o.orderId);
    expect(before).toMatchObject({ mobilized: false, refundCents: 10_000, keptCents: 0 });
    const paid = await pay(o.orderId);
    await t.db.assignment.update({ where: { id: o.assignmentId }, data: { status: "MOBILIZED", mobilizedAt: new Date() } });
    const p = await cancelOrder(t.db, cfg, f.actors.dispatcherA, o.orderId);
    expect(p).toMatchObject({ mobilized: true, refundCents: 7_000, keptCents: 3_000 });
    const req = lastPost("/v1/refunds");
    expect(req.params).toMatchObject({ payment_intent: paid.intent.id, amount: "7000", reason: "requested_by_customer" });
    expect(req.idempotencyKey).toBe(`order:${o.orderId}:cancel-refund:7000`);
    // Stripe's charge.refunded arrives afterwards: the refund is not posted twice
    const ev = signedEvent("charge.refunded", stripe.chargeOf(paid.intent.id as string));
    expect((await handleStripeWebhook(t.db, cfg, ev.payload, ev.header)).body.outcome).toBe("refunds-posted:0");
    expect(await t.db.ledgerJournal.count({ where: { orderId: o.orderId, kind: "order.refund" } })).toBe(1);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true, refundedCents: true } }))).toEqual({ status: "PARTIALLY_REFUNDED", refundedCents: 7_000 });
  });

  it("without Stripe keys: the invoice path, no crash, no half-made order; webhooks answer 503", async () => {
    const sent = stripe.requests.length;
    const o = await makePaidOrder(t.db, f, { priceCents: 5_000, hours: 3 });
    const step = await startPayment(t.db, noKeys, f.actors.dispatcherA, o.orderId);
    expect(step).toEqual({ mode: "INVOICE", amountDueCents: 15_000, currency: "CNY", reason: "card_not_configured" });
    await expect(confirmInvoicePaid(t.db, f.actors.dispatcherA, o.orderId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await confirmInvoicePaid(t.db, f.actors.supplier, o.orderId)).toEqual({ status: "SETTLED" });
    const bal = await orderBalances(t.db, o.orderId);
    for (const a of ["buyer_receivable", "supplier_payable", "incident_clearing"] as const) expect(balanceOf(bal, a)).toBe(0);
    await expect(connectOnboardingLink(t.db, noKeys, f.actors.supplier, f.orgs.enterprise)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await handleStripeWebhook(t.db, noKeys, "{}", "t=1,v1=x")).status).toBe(503);
    expect(stripe.requests.length).toBe(sent);
  });
});
