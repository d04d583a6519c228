import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");

describe("the supplier's offer inbox", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a supplier on a phone opens the inbox: offers or a clear empty state, in both tabs", async () => {
    const page = await signInAs(browser, base(), "supplier@muster.demo", { locale: "en", viewport: { width: 390, height: 844 } });
    await page.goto(`${base()}/en/offers`);
    expect(await visible(page.getByTestId("offers-page"))).toBe(true);
    await page.waitForSelector('[data-testid="offers-list"], [data-testid="offers-empty"]');
    await page.getByTestId("offers-tab-active").click();
    await page.waitForSelector('[data-testid="offers-list"], [data-testid="offers-empty"]');
    expect(await page.getByTestId("offers-tab-active").getAttribute("aria-selected")).toBe("true");
  });

  it("signed out, the inbox sends you to sign in and back", async () => {
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${base()}/zh-CN/offers`);
    await page.waitForURL(/\/zh-CN\/sign-in\?callbackUrl=%2Fzh-CN%2Foffers/);
  });
});
