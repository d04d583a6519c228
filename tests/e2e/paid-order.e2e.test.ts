import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { enabled, launchBrowser, signInAs, visible } from "@/tests/helpers/browser";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { offerAssignment } from "@/server/modules/offers/send-offer";

const base = () => inject("appBaseUrl");
const DAY = 86_400_000;

/**
 * A paid need, end to end in the browser: the supplier sees the quote (and the cancellation policy) on
 * the offer before accepting; the requester opens the order and reaches the payment step. The app runs
 * without Stripe keys, so the page says card payment is not configured and the invoice path is taken.
 * No real Stripe account is used.
 */
describe("a paid offer's quote, accepted, reaches the payment step", () => {
  let browser: Browser;
  let db: PrismaClient;
  let assignmentId = "";

  beforeAll(async () => {
    console.info("[tests] paid order e2e: NO Stripe keys are set (card payment not configured); no real Stripe account is used.");
    browser = await launchBrowser();
    db = createPrismaClient(inject("appDatabaseUrl"), 2);
    // The demo requester's bureau posts a paid need in an incident of its own; the demo supplier's listing
    // is priced per hour. The offer is sent the way the dispatcher's button sends it (offerAssignment).
    const requester = await db.user.findUniqueOrThrow({ where: { email: "requester@muster.demo" }, select: { id: true, memberships: { select: { orgId: true } } } });
    const supplier = await db.user.findUniqueOrThrow({ where: { email: "supplier@muster.demo" }, select: { memberships: { select: { orgId: true } } } });
    const govOrgId = requester.memberships[0]!.orgId;
    const resource = await db.resource.findFirstOrThrow({ where: { ownerOrgId: supplier.memberships[0]!.orgId, status: "AVAILABLE", type: { category: "EQUIPMENT" } }, select: { id: true, typeId: true, lat: true, lng: true, regionCode: true } });
    await db.resource.update({ where: { id: resource.id }, data: { pricingMode: "HOURLY", priceCents: 45_000, depositCents: 20_000 } });
    const incident = await db.incident.create({
      data: { orgId: govOrgId, createdById: requester.id, title: "E2E paid service drill", kind: "FLOOD", severity: "IV", status: "ACTIVE", lat: resource.lat, lng: resource.lng, address: "Nanjing", regionCode: resource.regionCode },
      select: { id: true },
    });
    const start = new Date(Date.now() + 40 * DAY);
    const need = await db.need.create({
      data: {
        incidentId: incident.id, typeId: resource.typeId, category: "EQUIPMENT", title: "E2E paid pump hire", quantity: 1, unit: "unit",
        stagingLat: resource.lat + 0.01, stagingLng: resource.lng, stagingAddress: "Nanjing", neededBy: start, durationMinutes: 180,
        maxDistanceKm: 100, status: "OPEN", paymentMode: "PAID", createdById: requester.id,
      },
      select: { id: true },
    });
    assignmentId = (
      await db.assignment.create({
        data: { needId: need.id, resourceId: resource.id, status: "PROPOSED", windowStart: start, windowEnd: new Date(start.getTime() + 3 * 3_600_000), score: 0.9, unitIndex: 0 },
        select: { id: true },
      })
    ).id;
    const dispatcher: Actor = { via: "session", userId: requester.id, roles: ["REQUESTER"], memberships: [{ orgId: govOrgId, orgRole: "OWNER", orgKind: "GOVERNMENT", verification: "VERIFIED" }] };
    await offerAssignment(db, dispatcher, assignmentId, { holdMinutes: 120 });
  });
  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
  });

  it("the supplier sees the quote and the cancellation policy before accepting, then accepts", async () => {
    const page = await signInAs(browser, base(), "supplier@muster.demo", { locale: "en", viewport: { width: 390, height: 844 } });
    await page.goto(`${base()}/en/offers`);
    const card = page.locator(`[data-testid="offer-card"][data-offer-id="${assignmentId}"]`);
    expect(await visible(card, 30_000)).toBe(true);
    // 3 h × ¥450.00 = ¥1,350.00, frozen on the offer
    expect(await card.getByTestId("quote-total").textContent()).toMatch(/1,350\.00/);
    expect(await card.getByTestId("quote-policy").textContent()).toMatch(/full refund before mobilisation/);
    await enabled(card.getByTestId("offer-accept"));
    await card.getByTestId("offer-accept").click();
    await page.getByTestId("offers-notice").waitFor({ timeout: 30_000 });
  });

  it("the requester opens the order, sees the quote, and takes the invoice path because card payment is not configured", async () => {
    const order = await db.order.findUniqueOrThrow({ where: { assignmentId }, select: { id: true, status: true, amountCents: true } });
    expect(order).toMatchObject({ status: "ACCEPTED", amountCents: 135_000 });
    const assignment = await db.assignment.findUniqueOrThrow({ where: { id: assignmentId }, select: { status: true } });
    expect(assignment.status).toBe("ACCEPTED"); // mobilised whatever the payment state

    const page = await signInAs(browser, base(), "requester@muster.demo", { locale: "en" });
    await page.goto(`${base()}/en/orders`);
    await page.getByTestId("orders-list").waitFor({ timeout: 30_000 });
    await page.goto(`${base()}/en/orders/${order.id}`);
    const step = page.getByTestId("payment-step");
    expect(await visible(step, 30_000)).toBe(true);
    expect(await visible(page.getByTestId("card-not-configured"))).toBe(true);
    expect(await page.getByTestId("order-pay-card").count()).toBe(0);
    expect(await page.getByTestId("quote-total").textContent()).toMatch(/1,350\.00/);
    expect(await page.getByTestId("cancel-policy").textContent()).toMatch(/full/);
    await enabled(page.getByTestId("order-pay-invoice"));
    await page.getByTestId("order-pay-invoice").click();
    expect(await visible(page.getByTestId("invoice-open"), 30_000)).toBe(true);
    expect(await page.getByTestId("order-status").textContent()).toBe("Payable");
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, settlementMode: true } }))).toEqual({ status: "PAYABLE", settlementMode: "INVOICE" });
  });
});
