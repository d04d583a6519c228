import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signInAs, visible } from "@/tests/helpers/browser";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { createRateCard } from "@/server/modules/compensation/rate-cards";
import { acceptOffer } from "@/server/modules/offers/answer-offer";
import { reportProgress } from "@/server/modules/offers/report-progress";
import { offerAssignment } from "@/server/modules/offers/send-offer";
import { pngImage } from "@/server/modules/knights/photos/test-images";

const base = () => inject("appBaseUrl");
const H = 3_600_000;

/** A demo account as the modules see it (the test drives dispatch itself; the evidence and claim go through the UI). */
async function actorOf(db: PrismaClient, email: string, role: "REQUESTER" | "SUPPLIER" | "ADMIN"): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, memberships: { select: { orgId: true, role: true, org: { select: { kind: true, verification: true } } } } } });
  return {
    via: "session", userId: u.id, roles: [role],
    memberships: u.memberships.map((m) => ({ orgId: m.orgId, orgRole: m.role, orgKind: m.org.kind, verification: m.org.verification })),
  };
}

describe("requisition with compensation: evidence at dispatch → claim → decisions → report", () => {
  let browser: Browser;
  let db: PrismaClient;
  let assignmentId = "";
  let incidentId = "";
  let requester: Actor, supplier: Actor;

  beforeAll(async () => {
    browser = await launchBrowser();
    db = createPrismaClient(inject("appDatabaseUrl"), 2);
    requester = await actorOf(db, "requester@muster.demo", "REQUESTER");
    supplier = await actorOf(db, "supplier@muster.demo", "SUPPLIER");
    const admin = await actorOf(db, "admin@muster.demo", "ADMIN");
    const govOrg = requester.memberships[0]!.orgId;
    const incident = await db.incident.findFirstOrThrow({ where: { orgId: govOrg, status: "ACTIVE" }, select: { id: true, createdById: true } });
    incidentId = incident.id;
    // One of the supplier's unit listings (quantity 1, never divisible stock), a week out so nothing overlaps.
    const res = await db.resource.findFirstOrThrow({ where: { ownerOrgId: supplier.memberships[0]!.orgId, status: "AVAILABLE", totalQuantity: 1 }, select: { id: true, typeId: true, type: { select: { category: true } } } });
    await createRateCard(db, admin, { typeId: res.typeId, rentUnit: "HOUR", rentCents: 20_000, operatorCentsPerHour: 0, fuelCentsPerKm: 0, effectiveFrom: new Date("2026-01-01T00:00:00Z") });
    const start = Date.now() + (24 * 7 + Math.floor(Math.random() * 500)) * H;
    const need = await db.need.create({
      data: {
        incidentId, typeId: res.typeId, category: res.type.category, title: "征用泵车（浏览器测试）", quantity: 1, unit: "unit", stagingLat: 32.03, stagingLng: 118.78,
        stagingAddress: "秦淮区中华门", neededBy: new Date(start), durationMinutes: 240, maxDistanceKm: 200, status: "OPEN", paymentMode: "REIMBURSABLE", createdById: incident.createdById,
      },
      select: { id: true },
    });
    const a = await db.assignment.create({ data: { needId: need.id, resourceId: res.id, unitIndex: 0, windowStart: new Date(start), windowEnd: new Date(start + 4 * H), status: "PROPOSED" }, select: { id: true } });
    assignmentId = a.id;
    await offerAssignment(db, requester, a.id, { holdMinutes: 30 });
    await acceptOffer(db, supplier, a.id);
    await reportProgress(db, supplier, a.id, "MOBILIZED");
  });
  afterAll(async () => {
    await browser?.close();
    await db?.$disconnect();
  });

  const open = async (page: Page) => {
    await page.goto(`${base()}/zh-CN/requisitions/${assignmentId}`);
    expect(await visible(page.getByTestId("requisition-page"))).toBe(true);
  };
  const settle = (page: Page) => page.waitForLoadState("networkidle");

  it("both sides confirm the handover and the return with a damage note; the supplier's claim is assembled, a fuel line with a receipt photo added", async () => {
    const sup = await signInAs(browser, base(), "supplier@muster.demo");
    await open(sup);
    expect(await sup.getByTestId("legal-basis").innerText()).toContain("第十二条");
    await sup.locator("#handover-note").fill("泵车一台，外观完好，油量满");
    await sup.locator("#handover-operators").fill("1");
    await sup.getByTestId("handover-confirm").click();
    await sup.getByTestId("evidence-handover").getByText("被征用方: 已确认").waitFor();

    const req = await signInAs(browser, base(), "requester@muster.demo");
    await open(req);
    expect(await req.locator("#handover-note").inputValue()).toBe("泵车一台，外观完好，油量满");
    await req.getByTestId("handover-confirm").click();
    await req.getByTestId("evidence-handover").getByText("双方已确认，记录已锁定。").waitFor();

    for (const s of ["EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"] as const) await reportProgress(db, supplier, assignmentId, s);
    const t0 = Date.now() - 6 * H;
    await db.assignment.update({ where: { id: assignmentId }, data: { enRouteAt: new Date(t0), onSceneAt: new Date(t0 + H), completedAt: new Date(t0 + 3 * H), releasedAt: new Date(t0 + 3.5 * H) } });

    await open(sup);
    await sup.locator("#return-note").fill("已归还");
    await sup.locator("#return-damage").fill("右侧排水管破裂");
    await sup.locator("#return-damage-yuan").fill("800");
    await sup.getByTestId("return-photo-input").setInputFiles({ name: "return.png", mimeType: "image/png", buffer: Buffer.from(pngImage({ width: 40, height: 30 })) });
    await sup.getByTestId("return-photos").locator("img").first().waitFor();
    await sup.getByTestId("return-confirm").click();
    await sup.getByTestId("evidence-return").getByText("被征用方: 已确认").waitFor();

    await open(req);
    await req.getByTestId("return-confirm").click();
    await req.getByTestId("damage-note-text").waitFor();
    expect(await req.getByTestId("damage-note-text").innerText()).toBe("右侧排水管破裂");

    await open(sup);
    await sup.getByTestId("assemble-claim").click();
    await sup.getByTestId("claim-lines").waitFor();
    expect(await sup.locator('[data-testid="claim-line"][data-kind="RENT"]').count()).toBe(1); // 2 h × ¥200
    expect(await sup.locator('[data-testid="claim-line"][data-kind="DAMAGE"]').count()).toBe(1);
    await sup.locator("#line-kind").selectOption("FUEL");
    await sup.locator("#line-amount").fill("150");
    await sup.locator("#line-description").fill("加油发票");
    await sup.locator("#line-receipt").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: Buffer.from(pngImage({ width: 60, height: 80 })) });
    await sup.getByTestId("add-line-submit").click();
    await sup.locator('[data-testid="claim-line"][data-kind="FUEL"]').getByText("票据 1").waitFor();
    await sup.getByTestId("file-claim").click();
    await sup.getByText("已提交").first().waitFor();
    await settle(sup);
  });

  it("the requester approves one line and disputes another; the report shows both with their evidence", async () => {
    const req = await signInAs(browser, base(), "requester@muster.demo");
    await open(req);
    const fuel = req.locator('[data-testid="claim-line"][data-kind="FUEL"]');
    await fuel.getByTestId("decide-submit").click();
    await req.locator('[data-testid="claim-line"][data-kind="FUEL"][data-status="APPROVED"]').waitFor();
    const damage = req.locator('[data-testid="claim-line"][data-kind="DAMAGE"]');
    await damage.getByTestId("decide-select").selectOption("DISPUTE");
    await damage.getByTestId("decide-reason").fill("破损系使用前已有");
    await damage.getByTestId("decide-submit").click();
    await req.locator('[data-testid="claim-line"][data-kind="DAMAGE"][data-status="DISPUTED"]').waitFor();

    await req.getByTestId("open-cost-report").click();
    await req.getByTestId("cost-report-table").waitFor();
    const claimRows = req.locator('[data-testid="cost-row"]', { hasText: "加油发票" });
    expect(await claimRows.getAttribute("data-status")).toBe("APPROVED");
    expect(await claimRows.getByTestId("row-receipt").count()).toBe(1);
    const disputed = req.locator('[data-testid="cost-row"][data-kind="DAMAGE"][data-status="DISPUTED"]', { hasText: "破损系使用前已有" });
    expect(await disputed.getByTestId("row-damage-note").innerText()).toBe("右侧排水管破裂");
    expect(await disputed.innerText()).toContain("归还已确认");
    const receiptHref = await claimRows.getByTestId("row-receipt").getAttribute("href");
    const receipt = await req.request.get(`${base()}${receiptHref}`);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()["content-type"]).toMatch(/^image\//);
    const csv = await req.request.get(`${base()}/api/compensation/cost-report/${incidentId}?locale=zh-CN`);
    expect(await csv.text()).toContain("破损系使用前已有");
  });

  it("from the incident page: its assignment row links the requisition, the cost report link opens the report; the requester names the responsible unit and records a partial repayment", async () => {
    const req = await signInAs(browser, base(), "requester@muster.demo");
    await req.goto(`${base()}/zh-CN/incidents/${incidentId}`);
    const row = req.locator(`[data-testid="lifecycle-assignment"][data-assignment-id="${assignmentId}"]`);
    expect(await visible(row.getByTestId("lifecycle-requisition-link"))).toBe(true);
    expect(await row.getByTestId("lifecycle-requisition-link").getAttribute("href")).toBe(`/zh-CN/requisitions/${assignmentId}`);
    await req.getByTestId("incident-cost-report-link").click();
    await req.getByTestId("recovery-panel").waitFor();
    if (!(await visible(req.getByTestId("recovery-unit"), 1_000))) {
      await req.locator("#responsible-name").fill("某化工有限公司（浏览器测试）");
      await req.getByTestId("responsible-unit").getByRole("button").click();
    }
    const unit = req.getByTestId("recovery-unit").first();
    await unit.waitFor();
    await req.locator("#recovery-amount").fill("9999999");
    await req.getByTestId("recovery-panel").getByRole("button").click();
    await req.locator("#recovery-amount-error").getByText("金额超过该单位尚欠的费用。").waitFor();
    await req.locator("#recovery-amount").fill("1");
    await req.locator("#recovery-reference").fill("回单 E2E");
    await req.getByTestId("recovery-panel").getByRole("button").click();
    await req.getByTestId("recovery-payments").getByText("回单 E2E").waitFor();
    expect(await unit.innerText()).toContain("¥1.00");
    const csv = await req.request.get(`${base()}/api/compensation/cost-report/${incidentId}?locale=zh-CN`);
    expect(await csv.text()).toContain("事故责任单位,可追偿（元）,已追回（元）,尚欠（元）");
  });
});
