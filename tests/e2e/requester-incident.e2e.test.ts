import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { enabled, launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");

describe("a requester in the browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const signIn = (email: string, viewport?: { width: number; height: number }): Promise<Page> =>
    signInAs(browser, base(), email, { viewport });

  it("posts an incident from the urban-flood template, edits a need and closes another with a reason", async () => {
    const page = await signIn("requester@muster.demo");
    const title = `秦淮区暴雨内涝 ${crypto.randomBytes(3).toString("hex")}`;

    await page.goto(`${base()}/zh-CN/incidents/new`);
    await page.getByTestId("incident-title").fill(title);
    await page.getByTestId("incident-kind").selectOption("FLOOD");
    await page.getByTestId("incident-severity").selectOption("III");
    // The template list arrives for the chosen kind; picking one lists its needs with quantities.
    await page.locator('[data-testid="template-select"] option[value="FLOOD-URBAN-DISTRICT"]').waitFor({ state: "attached", timeout: 30_000 });
    await page.getByTestId("template-select").selectOption("FLOOD-URBAN-DISTRICT");
    const items = page.getByTestId("template-item");
    expect(await visible(items)).toBe(true);
    const itemCount = await items.count();
    expect(itemCount).toBeGreaterThan(3);
    // Leave the last item out: it is not posted.
    await items.last().getByTestId("template-item-include").uncheck();

    // Submitting without a location says so next to the map.
    await enabled(page.getByTestId("incident-submit"));
    await page.getByTestId("incident-submit").click();
    expect(await visible(page.locator("#incident-location-error"))).toBe(true);

    // Location: click the map (tiles do not load offline; the click still lands).
    await page.locator('[data-testid="incident-location-map"] .leaflet-container').waitFor({ timeout: 30_000 });
    await page.getByTestId("incident-location-map").click();
    expect(await visible(page.getByTestId("incident-location-value"))).toBe(true);
    await page.getByTestId("incident-address").fill("南京市秦淮区中华路 1 号");
    await page.getByTestId("incident-region").selectOption("320104");
    await page.getByTestId("incident-submit").click();

    // The incident page: the template's needs (minus the one left out), each with a fill bar.
    await page.waitForURL((url) => /\/zh-CN\/incidents\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"), { timeout: 30_000 });
    expect(await visible(page.getByTestId("incident-page"))).toBe(true);
    expect(await page.getByTestId("incident-title").textContent()).toBe(title);
    const rows = page.getByTestId("need-row");
    expect(await visible(rows)).toBe(true);
    expect(await rows.count()).toBe(itemCount - 1);
    expect(await page.getByTestId("need-fill").count()).toBe(itemCount - 1);
    expect(await page.locator('[data-testid="need-row"][data-status="OPEN"]').count()).toBe(itemCount - 1);

    // Edit one need's quantity; back on the incident page its bar counts against the new quantity.
    const first = rows.first();
    const needId = await first.getAttribute("data-need-id");
    const before = Number(await first.getByTestId("need-fill").getAttribute("data-requested"));
    await first.getByTestId("need-edit").click();
    await page.waitForURL(/\/needs\/[^/]+\/edit$/);
    await page.getByTestId("need-quantity").fill(String(before + 3));
    await enabled(page.getByTestId("need-submit"));
    await page.getByTestId("need-submit").click();
    await page.waitForURL((url) => /\/zh-CN\/incidents\/[^/]+$/.test(url.pathname), { timeout: 30_000 });
    const edited = page.locator(`[data-testid="need-row"][data-need-id="${needId}"] [data-testid="need-fill"]`);
    await page.waitForFunction(
      ([sel, q]) => document.querySelector(sel)?.getAttribute("data-requested") === q,
      [`[data-need-id="${needId}"] [data-testid="need-fill"]`, String(before + 3)] as const,
      { timeout: 15_000 },
    );
    expect(await edited.getAttribute("data-requested")).toBe(String(before + 3));

    // Closing an unfilled need without a reason is refused with a clear message; with a reason it closes.
    const second = rows.nth(1);
    const secondId = await second.getAttribute("data-need-id");
    await second.getByTestId("need-close").click();
    const dialog = page.getByTestId("close-need-dialog").and(page.locator("[open]"));
    expect(await visible(dialog)).toBe(true);
    await dialog.getByTestId("confirm-close").click();
    expect(await visible(dialog.locator('[role="alert"]'))).toBe(true);
    await dialog.getByTestId("close-reason").selectOption("NO_SUPPLIER_IN_RANGE");
    await dialog.getByTestId("confirm-close").click();
    await page.locator(`[data-testid="need-row"][data-need-id="${secondId}"][data-status="CLOSED"]`).waitFor({ timeout: 15_000 });
    expect(await visible(page.locator(`[data-need-id="${secondId}"] [data-testid="need-unmet"]`))).toBe(true);
    expect(await page.getByTestId("timeline-entry").count()).toBeGreaterThan(0);

    // Matching: propose an assignment; the summary appears with the proposal or its empty state.
    expect(await visible(page.getByTestId("matching-panel"))).toBe(true);
    await enabled(page.getByTestId("propose-assignment"));
    await page.getByTestId("propose-assignment").click();
    expect(await visible(page.getByTestId("proposal-summary"), 30_000)).toBe(true);
    expect(await page.getByTestId("proposal-gap").textContent()).toBeTruthy();
    const outcome = page.locator('[data-testid="proposal-list"], [data-testid="proposal-empty"], [data-testid="proposal-no-needs"]');
    expect(await visible(outcome)).toBe(true);

    // The new incident is in the list.
    await page.goto(`${base()}/zh-CN/incidents?kind=FLOOD`);
    expect(await visible(page.locator('[data-testid="incident-row"]', { hasText: title }))).toBe(true);
    await page.context().close();
  });

  it("reads the live flood's whole story on its timeline: offers accepted and resources on scene, in both languages", async () => {
    const page = await signIn("requester@muster.demo");
    await page.goto(`${base()}/zh-CN/incidents`);
    await page.getByTestId("incident-row").filter({ hasText: "秦淮区短时强降雨城市内涝" }).getByRole("link").first().click();
    await page.waitForURL(/\/zh-CN\/incidents\/[^/]+$/, { timeout: 30_000 });
    const incidentPath = new URL(page.url()).pathname.replace(/^\/zh-CN/, "");
    const accepted = page.locator('[data-testid="timeline-entry"][data-action="assignment.accept"]');
    const onScene = page.locator('[data-testid="timeline-entry"][data-action="assignment.progress"][data-status="ON_SCENE"]');
    expect(await visible(accepted.first(), 30_000)).toBe(true);
    expect(await accepted.first().locator("p").first().textContent()).toMatch(/^「.+」.*接受了「.+」的调派邀约$/);
    expect(await onScene.first().locator("p").first().textContent()).toMatch(/已到达「.+」现场$/);
    expect(await onScene.first().locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    await page.goto(`${base()}/en${incidentPath}`);
    expect(await visible(accepted.first(), 30_000)).toBe(true);
    expect(await accepted.first().locator("p").first().textContent()).toMatch(/ accepted the offer for “.+”$/);
    expect(await onScene.first().locator("p").first().textContent()).toMatch(/ on scene for “.+”$/);
    await page.context().close();
  });

  it("tells a supplier the incident pages are not for their role", async () => {
    const page = await signIn("supplier@muster.demo", { width: 390, height: 844 });
    await page.goto(`${base()}/zh-CN/incidents`);
    expect(await visible(page.getByTestId("incidents-forbidden"))).toBe(true);
    await page.context().close();
  });
});
