import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { enabled, launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");
/** A seeded live incident (prisma/seed/incidents-active.ts) run by the demo requester's bureau. */
const INCIDENT = "秦淮区短时强降雨城市内涝";
/** The demo supplier (supplier@muster.demo) owns the only lighting tower near it (prisma/seed/build-dataset.ts). */
const SUPPLIER_ORG = "南京华力机械设备租赁有限公司";
const LIGHT = "移动照明灯塔";

/** The unread count the bell shows once its list has loaded. */
async function unreadCount(page: Page): Promise<number> {
  await page.waitForSelector('[data-testid="notification-bell"][data-unread][data-live="live"]', { timeout: 30_000 });
  return Number(await page.getByTestId("notification-bell").getAttribute("data-unread"));
}

/** Waits until the bell's unread count satisfies `ok` (live events or the refetch after marking read). */
async function waitForUnread(page: Page, ok: string, n: number, timeout = 30_000) {
  await page.waitForFunction(
    ([op, v]) => {
      const c = Number(document.querySelector('[data-testid="notification-bell"]')?.getAttribute("data-unread") ?? NaN);
      return op === ">" ? c > (v as number) : c === v;
    },
    [ok, n] as const,
    { timeout },
  );
}

describe("dispatching a proposal and a supplier accepting it", () => {
  let browser: Browser;
  let requester: Page;
  let supplier: Page;
  let incidentUrl = "";
  let offeredId = "";
  let supplierUnread = 0;
  let requesterUnread = 0;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the requester proposes, reads it on the map with explanations, removes one resource and sends an offer", async () => {
    requester = await signInAs(browser, base(), "requester@muster.demo");
    await requester.goto(`${base()}/zh-CN/incidents`);
    await requester.getByTestId("incident-row").filter({ hasText: INCIDENT }).getByRole("link").first().click();
    await requester.waitForURL(/\/zh-CN\/incidents\/[^/]+$/, { timeout: 30_000 });
    incidentUrl = requester.url();
    expect(await requester.getByTestId("incident-title").textContent()).toBe(INCIDENT);
    requesterUnread = await unreadCount(requester);
    // The supplier waits on a phone, on the dashboard: the offer must reach the bell live.
    supplier = await signInAs(browser, base(), "supplier@muster.demo", { viewport: { width: 390, height: 844 } });
    supplierUnread = await unreadCount(supplier);

    // Dispatch progress already lists the seeded open offers, awaiting an answer.
    expect(await visible(requester.getByTestId("incident-assignments"), 30_000)).toBe(true);
    expect(await requester.locator('[data-testid="lifecycle-assignment"][data-status="OFFERED"]').count()).toBeGreaterThanOrEqual(1);

    const panel = requester.getByTestId("matching-panel");
    expect(await visible(panel)).toBe(true);
    expect(await panel.getByTestId("auto-dispatch-switch").isChecked()).toBe(false);
    await enabled(panel.getByTestId("propose-assignment"));
    await panel.getByTestId("propose-assignment").click();
    expect(await visible(panel.getByTestId("proposal-summary"), 60_000)).toBe(true);

    // The map: staging points and proposed resources; every proposed row explains itself.
    const map = panel.getByTestId("proposal-map");
    expect(await visible(map)).toBe(true);
    await map.locator('[data-testid="proposal-resource-marker"]').first().waitFor({ timeout: 30_000 });
    expect(Number(await map.getAttribute("data-resources"))).toBeGreaterThan(0);
    expect(Number(await map.getAttribute("data-needs"))).toBeGreaterThan(0);
    const rows = panel.getByTestId("proposal-assignment");
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await panel.getByTestId("proposal-explanation").count()).toBe(await rows.count());
    expect(await panel.getByTestId("proposal-explanation").first().textContent()).toMatch(/公里/);

    // Clicking a resource on the map highlights its row and names it.
    // A DOM click on the marker itself: a coordinate click can miss while the map is still fitting its bounds.
    await map.locator('[data-testid="proposal-resource-marker"]').first().dispatchEvent("click");
    await requester.waitForFunction(() => document.querySelector('[data-testid="proposal-map"]')?.getAttribute("data-selected") !== "");
    const selectedId = (await map.getAttribute("data-selected"))!;
    const selectedRow = panel.locator(`[data-testid="proposal-assignment"][data-assignment-id="${selectedId}"]`);
    expect(await selectedRow.getAttribute("data-selected")).toBe("true");
    const selectedTitle = (await selectedRow.getByTestId("proposal-resource-title").textContent())!;
    expect(await panel.getByTestId("proposal-map-selection").textContent()).toContain(selectedTitle);

    // The lighting-tower need is proposed from the demo supplier's towers only.
    const lightRows = rows.filter({ hasText: LIGHT });
    const lightCount = await lightRows.count();
    expect(lightCount).toBeGreaterThanOrEqual(2);
    expect(await lightRows.first().textContent()).toContain(SUPPLIER_ORG);

    // Swap shows the need's ranked candidates with their explanations (here: only the towers already proposed).
    await lightRows.first().getByTestId("proposal-swap").click();
    const swap = panel.getByTestId("swap-candidates");
    expect(await visible(swap.getByTestId("swap-candidate"), 30_000)).toBe(true);
    expect(await swap.getByTestId("swap-candidate").first().textContent()).toContain(SUPPLIER_ORG);
    expect(await swap.getByTestId("swap-candidate").first().textContent()).toMatch(/公里/);
    await swap.getByTestId("swap-cancel").click();

    // Adjust: remove one tower; the need now shows a unit short.
    const lightNeed = panel.getByTestId("proposal-need").filter({ has: requester.locator('[data-testid="proposal-assignment"]', { hasText: LIGHT }) });
    await lightRows.last().getByTestId("proposal-drop").click();
    await requester.waitForFunction(
      ([n]) => document.querySelectorAll('[data-testid="proposal-assignment"]').length > 0 &&
        [...document.querySelectorAll('[data-testid="proposal-assignment"]')].filter((e) => e.textContent?.includes("移动照明灯塔")).length === n,
      [lightCount - 1],
      { timeout: 30_000 },
    );
    expect(await lightNeed.textContent()).toContain(`建议 ${lightCount - 1} /`);
    expect(await lightNeed.textContent()).toMatch(/仍缺 \d/);

    // Send the offer for the first remaining tower.
    const toSend = rows.filter({ hasText: LIGHT }).first();
    offeredId = (await toSend.getAttribute("data-assignment-id"))!;
    await toSend.getByTestId("proposal-send").click();
    expect(await visible(panel.getByTestId("proposal-offered"), 30_000)).toBe(true);
    expect(await panel.locator(`[data-testid="proposal-assignment"][data-assignment-id="${offeredId}"]`).count()).toBe(0);
    expect(await visible(requester.locator(`[data-testid="lifecycle-assignment"][data-assignment-id="${offeredId}"][data-status="OFFERED"]`), 30_000)).toBe(true);

    // No reload on the supplier's phone: the bell counts the new offer (polling is only a 60 s fallback).
    await waitForUnread(supplier, ">", supplierUnread);
    expect(Number(await supplier.getByTestId("notification-count").getAttribute("data-count"))).toBe(supplierUnread + 1);
  });

  it("the supplier opens the bell: the offer reads as a sentence, leads to the inbox and is marked read", async () => {
    const bell = supplier.getByTestId("notification-bell-button");
    const panel = supplier.getByTestId("notification-panel");
    expect(await bell.getAttribute("aria-expanded")).toBe("false");
    await bell.click();
    expect(await visible(panel)).toBe(true);
    expect(await bell.getAttribute("aria-expanded")).toBe("true");
    // Escape closes it and gives focus back to the bell.
    await supplier.keyboard.press("Escape");
    expect(await panel.isHidden()).toBe(true);
    expect(await supplier.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("notification-bell-button");
    await bell.click();
    const item = panel.locator('[data-testid="notification-item"][data-kind="offer.received"][data-unread="true"]').first();
    expect(await visible(item)).toBe(true);
    expect(await item.getByTestId("notification-text").textContent()).toMatch(/^需求「.+」邀约你的「.+」，请在 .+ 前答复。$/); // names the need and the resource
    expect(await item.locator("time").textContent()).toMatch(/刚刚|分钟前/);
    // On a phone the panel fits the screen.
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await item.click();
    await supplier.waitForURL(/\/zh-CN\/offers$/, { timeout: 30_000 });
    expect(await panel.isHidden()).toBe(true);
    await waitForUnread(supplier, "=", supplierUnread);
  });

  it("the supplier accepts the offer in the inbox, and the requester's incident page shows it accepted", async () => {
    expect(offeredId).not.toBe("");
    expect(supplier.url()).toMatch(/\/zh-CN\/offers$/);
    // both pages follow their live feeds (the supplier's organisation topic, the incident topic)
    await supplier.waitForSelector('[data-testid="offer-inbox"][data-live="live"]', { timeout: 30_000 });
    await requester.waitForSelector('[data-testid="incident-assignments"][data-live="live"]', { timeout: 30_000 });
    const card = supplier.locator(`[data-testid="offer-card"][data-offer-id="${offeredId}"]`);
    expect(await visible(card, 30_000)).toBe(true);
    expect(await card.textContent()).toContain(INCIDENT);
    expect(await card.getByTestId("offer-explanation").textContent()).toMatch(/公里/);
    await enabled(card.getByTestId("offer-accept"));
    await card.getByTestId("offer-accept").click();
    expect(await visible(supplier.getByTestId("offers-notice"), 30_000)).toBe(true);
    expect(await supplier.getByTestId("offers-notice").textContent()).toContain("已接受");

    // No reload: the incident page refreshes itself on the live event (polling is only a 60 s fallback).
    expect(requester.url()).toBe(incidentUrl);
    const row = requester.locator(`[data-testid="lifecycle-assignment"][data-assignment-id="${offeredId}"][data-status="ACCEPTED"]`);
    expect(await visible(row, 45_000)).toBe(true);
    expect(await row.getByTestId("lifecycle-status").textContent()).toBe("已接受");
    expect(await row.textContent()).toContain(SUPPLIER_ORG);

    // The requester's bell says so too, live, and leads back to this incident.
    await waitForUnread(requester, ">", requesterUnread);
    await requester.getByTestId("notification-bell-button").click();
    const accepted = requester.getByTestId("notification-panel").locator('[data-testid="notification-item"][data-kind="offer.accepted"][data-unread="true"]').first();
    expect(await visible(accepted)).toBe(true);
    expect(await accepted.getByTestId("notification-text").textContent()).toMatch(/^「.+」已接受需求「.+」的调派邀约。$/);
    expect(await accepted.getAttribute("href")).toBe(new URL(incidentUrl).pathname);
    await requester.getByTestId("notification-mark-all").click();
    await waitForUnread(requester, "=", 0);
    expect(await requester.getByTestId("notification-count").count()).toBe(0);
    await requester.keyboard.press("Escape");
  });

  it("the requester solves the incident jointly with nearby incidents from the matching panel", async () => {
    expect(requester.url()).toBe(incidentUrl);
    const area = requester.getByTestId("matching-panel").getByTestId("area-proposal");
    expect(await visible(area)).toBe(true);
    await area.getByTestId("area-radius").fill("20");
    await area.getByTestId("area-within").selectOption("24");
    await enabled(area.getByTestId("area-propose"));
    await area.getByTestId("area-propose").click();
    const result = area.getByTestId("area-result");
    expect(await visible(result, 60_000)).toBe(true);
    expect(Number(await result.getAttribute("data-incidents"))).toBeGreaterThanOrEqual(1);
    expect(await result.textContent()).toMatch(/联合求解 \d+ 个事件的 \d+ 项需求/);
  });
});
