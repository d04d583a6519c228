import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { enabled, launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");

describe("a person in the browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function newPage(locale: "zh-CN" | "en"): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
    return context.newPage();
  }

  it("signs up as a knight, signs out, signs in again and sees the knight dashboard", async () => {
    const page = await newPage("en");
    const email = `rider-${crypto.randomBytes(3).toString("hex")}@example.cn`;
    const password = "Rider-password-2026";

    await page.goto(`${base()}/`);
    // The locale is chosen from the browser: Accept-Language en → /en
    await page.waitForURL(/\/en(\/|$)/);
    await page.goto(`${base()}/en/sign-up`);
    await page.getByTestId("signup-card-knight").click();
    await page.getByTestId("signup-name").fill("Wang Lei");
    await page.getByTestId("signup-email").fill(email);
    await page.getByTestId("signup-phone").fill("13912345678");
    await page.getByTestId("signup-password").fill("short");
    await enabled(page.getByTestId("signup-knight-submit"));
    await page.getByTestId("signup-knight-submit").click();
    // Bad input: the wrong field says why, and nothing is created.
    expect(await visible(page.locator("#signup-password-error"))).toBe(true);

    await page.getByTestId("signup-password").fill(password);
    await page.getByTestId("signup-vehicle").selectOption("EBIKE");
    await page.getByTestId("signup-payloadKg").fill("20");
    await page.getByTestId("signup-homeDistrictCode").selectOption("320102");
    await page.getByTestId("signup-knight-submit").click();
    await page.waitForURL(/\/en\/dashboard/);
    expect(await visible(page.getByTestId("dashboard-knight"))).toBe(true);

    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/en(\/sign-in|\/?$)/);
    await page.goto(`${base()}/en/sign-in`);
    await page.getByTestId("signin-identifier").fill(email);
    await page.getByTestId("signin-password").fill(password);
    await enabled(page.getByTestId("signin-submit"));
    await page.getByTestId("signin-submit").click();
    await page.waitForURL(/\/en\/dashboard/);
    expect(await visible(page.getByTestId("dashboard-knight"))).toBe(true);
    await page.context().close();
  });

  it("signs in as the platform admin, sees organisations pending verification, verifies one and rejects one", async () => {
    const page = await signInAs(browser, base(), "admin@muster.demo");
    expect(await visible(page.getByTestId("dashboard-admin"))).toBe(true);

    await page.goto(`${base()}/zh-CN/admin/organizations`);
    expect(await visible(page.getByTestId("pending-orgs-table"))).toBe(true);
    const rows = page.getByTestId("pending-org-row");
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);

    // Verify the first organisation in the queue: it leaves the queue and the decision is confirmed.
    const orgId = await rows.first().getAttribute("data-org-id");
    await enabled(rows.first().getByTestId("verify-org"));
    await rows.first().getByTestId("verify-org").click();
    expect(await visible(page.getByTestId("org-decision-notice"))).toBe(true);
    await page.locator(`[data-testid="pending-org-row"][data-org-id="${orgId}"]`).waitFor({ state: "detached", timeout: 15_000 });
    expect(await rows.count()).toBe(before - 1);

    // Rejecting needs a reason: the dialog says so, then the row leaves the queue.
    await rows.first().getByTestId("reject-org").click();
    expect(await visible(page.getByTestId("reject-org-dialog"))).toBe(true);
    await page.getByTestId("reject-reason").fill("营业执照与机构名称不一致");
    await page.getByTestId("confirm-reject").click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="pending-org-row"]').length === n, before - 2, { timeout: 15_000 });
    await page.context().close();
  });

  it("keeps a signed-out visitor out of the dashboard", async () => {
    const page = await newPage("zh-CN");
    await page.goto(`${base()}/zh-CN/dashboard`);
    await page.waitForURL(/\/zh-CN\/sign-in/);
    await page.context().close();
  });
});
