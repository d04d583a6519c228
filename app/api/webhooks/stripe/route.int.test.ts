import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The route reads its Stripe settings from the environment (lib/env.ts), so they are set before any import.
// The port is one the OS hands out free: a random pick could fall on a port a lingering PostgreSQL connection holds.
const port = await vi.hoisted(async () => {
  const { freePort } = await import("@/server/db/embedded-postgres");
  const p = await freePort();
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: "sk_test_local_only",
    STRIPE_WEBHOOK_SECRET: "whsec_test_local_only",
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(p),
    STRIPE_API_PROTOCOL: "http",
  });
  return p;
});

import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { FakeStripe, signedEvent } from "@/tests/helpers/fake-stripe";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { makePaidOrder, type OrderFixtures } from "@/server/modules/orders/test-fixtures";
import { startPayment } from "@/server/modules/payments/start-payment";
import { paymentsConfig } from "@/server/modules/payments/stripe-client";
import { POST } from "@/app/api/webhooks/stripe/route";

/** The Next route itself: raw body in, the configured SDK (env) re-reading from a local server. No real Stripe. */
let t: TestDatabase;
let f: OrderFixtures;
const stripe = new FakeStripe();

beforeAll(async () => {
  console.info("[tests] Stripe webhook route: NO real Stripe account is used (SDK → local server from STRIPE_API_* env).");
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  await stripe.start(port);
});
afterAll(async () => {
  await stripe.stop();
  await t?.cleanup();
});

const post = (payload: string, signature?: string) =>
  POST(new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: payload, headers: signature ? { "stripe-signature": signature } : {} }));

describe("POST /api/webhooks/stripe", () => {
  it("verifies the exact bytes, applies a valid event once, and answers 400 to a re-serialised body", async () => {
    const o = await makePaidOrder(t.db, f);
    const step = await startPayment(t.db, paymentsConfig(), f.actors.dispatcherA, o.orderId);
    expect(step.mode).toBe("STRIPE");
    expect(stripe.requests[0]).toMatchObject({ method: "POST", path: "/v1/checkout/sessions" });
    const done = stripe.completeSession(step.mode === "STRIPE" ? step.sessionId : "");
    const ev = signedEvent("checkout.session.completed", done.session);
    // same JSON, different bytes (pretty-printed): the signature no longer matches
    const reformatted = JSON.stringify(JSON.parse(ev.payload), null, 2);
    expect((await post(reformatted, ev.header)).status).toBe(400);
    expect((await post(ev.payload)).status).toBe(400);
    expect(await t.db.stripeEvent.count()).toBe(0);

    const res = await post(ev.payload, ev.header);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: "paid" });
    expect(await (await post(ev.payload, ev.header)).json()).toEqual({ received: true, outcome: "duplicate" });
    expect((await t.db.order.findUniqueOrThrow({ where: { id: o.orderId }, select: { status: true } })).status).toBe("PAID");
  });
});
