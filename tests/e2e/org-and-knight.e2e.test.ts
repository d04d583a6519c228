import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { enabled, launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");

describe("organisation, knight profile and catalogue in the browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const signIn = (email: string, locale: "zh-CN" | "en", mobile = false): Promise<Page> =>
    signInAs(browser, base(), email, { locale, viewport: mobile ? { width: 390, height: 844 } : undefined });

  it("a supplier opens their organisation, edits the description and invites a member", async () => {
    const page = await signIn("supplier@muster.demo", "en");
    await page.getByTestId("nav-organization").first().click();
    await page.waitForURL(/\/en\/organization/);
    expect(await visible(page.getByTestId("org-profile-form"))).toBe(true);

    const description = `Pumps, generators and lighting towers for flood response (${crypto.randomBytes(2).toString("hex")}).`;
    await page.getByTestId("org-description").fill(description);
    await page.getByTestId("org-contactPhone").fill("not a phone");
    await enabled(page.getByTestId("org-profile-submit"));
    await page.getByTestId("org-profile-submit").click();
    // Bad input: the field says why, nothing is saved.
    expect(await visible(page.locator("#org-contactPhone-error"))).toBe(true);
    await page.getByTestId("org-contactPhone").fill("025-8888 1234");
    await page.getByTestId("org-profile-submit").click();
    expect(await visible(page.getByTestId("org-profile-saved"))).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByTestId("org-description").inputValue(), { timeout: 15_000 }).toBe(description);

    expect(await visible(page.getByTestId("members-table"))).toBe(true);
    const email = `colleague-${crypto.randomBytes(3).toString("hex")}@example.cn`;
    await page.getByTestId("invite-email").fill(email);
    await page.getByTestId("invite-role").selectOption("DISPATCHER");
    await enabled(page.getByTestId("invite-submit"));
    await page.getByTestId("invite-submit").click();
    expect(await visible(page.getByTestId("invite-sent"))).toBe(true);
    expect(await page.getByTestId("invite-link").textContent()).toMatch(/\/en\/invitations\/[A-Za-z0-9_-]{43}$/);
    const row = page.locator(`[data-testid="invitation-row"][data-email="${email}"]`);
    expect(await visible(row)).toBe(true);
    expect(await row.getAttribute("data-state")).toBe("PENDING");
    await page.context().close();
  });

  it("a knight toggles on-duty off and on and edits the payload, on a phone", async () => {
    const page = await signIn("knight@muster.demo", "zh-CN", true);
    await page.goto(`${base()}/zh-CN/knight/profile`);
    const duty = page.getByTestId("duty-switch");
    await enabled(duty);
    const start = await duty.getAttribute("data-on");
    for (const expected of start === "true" ? ["false", "true"] : ["true", "false"]) {
      await duty.click();
      await expect.poll(() => duty.getAttribute("data-on"), { timeout: 15_000 }).toBe(expected);
      await enabled(duty);
    }
    const payload = String(20 + (crypto.randomBytes(1)[0] % 20));
    await page.getByTestId("knight-payloadKg").fill("-3");
    await enabled(page.getByTestId("knight-profile-submit"));
    await page.getByTestId("knight-profile-submit").click();
    expect(await visible(page.locator("#knight-payloadKg-error"))).toBe(true);
    await page.getByTestId("knight-payloadKg").fill(payload);
    await page.getByTestId("knight-profile-submit").click();
    expect(await visible(page.getByTestId("knight-profile-saved"))).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByTestId("knight-payloadKg").inputValue(), { timeout: 15_000 }).toBe(payload);
    await page.context().close();
  });

  it("an admin opens the catalogue and creates a new resource type", async () => {
    const page = await signIn("admin@muster.demo", "en");
    await page.getByTestId("nav-catalogue").first().click();
    await page.waitForURL(/\/en\/catalogue/);
    expect(await visible(page.getByTestId("resource-type-card"))).toBe(true);

    await page.getByTestId("catalogue-new-type").click();
    await page.waitForURL(/\/en\/catalogue\/new/);
    const code = `EQ-TEST-${crypto.randomBytes(2).toString("hex").toUpperCase()}`;
    await page.getByTestId("type-code").fill(code);
    await page.getByTestId("type-kind").fill("LIGHT_TOWER");
    await page.getByTestId("type-category").selectOption("EQUIPMENT");
    await page.getByTestId("type-typeLevel").selectOption("2");
    await page.getByTestId("type-nameZh").fill("移动照明灯塔");
    await page.getByTestId("type-nameEn").fill("Mobile lighting tower");
    await page.getByTestId("type-descriptionZh").fill("拖挂式照明灯塔，用于夜间抢险。");
    await page.getByTestId("type-descriptionEn").fill("Towed lighting tower for night operations.");
    await page.getByTestId("type-minimumCriteriaZh").fill("照明功率不低于 4 千瓦。");
    await page.getByTestId("type-minimumCriteriaEn").fill("At least 4 kW of lighting.");
    await page.getByTestId("metric-key").fill("light_kw");
    await page.getByTestId("metric-unit").fill("kW");
    await page.getByTestId("metric-labelZh").fill("照明功率");
    await page.getByTestId("metric-labelEn").fill("Lighting power");
    await page.getByTestId("metric-min").fill("10");
    await page.getByTestId("metric-max").fill("5");
    await enabled(page.getByTestId("resource-type-submit"));
    await page.getByTestId("resource-type-submit").click();
    // min ≥ max is caught next to the field before anything is sent.
    expect(await visible(page.locator("#metric-0-max-error"))).toBe(true);
    await page.getByTestId("metric-min").fill("0");
    await page.getByTestId("metric-max").fill("50");
    await page.getByTestId("resource-type-submit").click();
    await page.waitForURL(/\/en\/catalogue\?category=EQUIPMENT/);
    const card = page.locator(`[data-testid="resource-type-card"][data-code="${code}"]`);
    expect(await visible(card)).toBe(true);
    expect(await card.textContent()).toContain("Mobile lighting tower");
    await page.context().close();
  });
});
