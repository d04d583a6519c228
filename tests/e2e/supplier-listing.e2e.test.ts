import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { enabled, launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");

describe("a supplier in the browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("creates an equipment listing with a map location and a credential, sees it in my listings and in browse", async () => {
    const page = await signInAs(browser, base(), "supplier@muster.demo", { locale: "en" });
    const title = `Portable pump ${crypto.randomBytes(3).toString("hex")}`;

    await page.goto(`${base()}/en/listings/new`);
    await enabled(page.getByTestId("listing-save"));
    await page.getByTestId("listing-category").selectOption("EQUIPMENT");
    await page.getByTestId("listing-type").selectOption("EQ-PUMP-3");
    // Capability inputs come from the type's metrics; an out-of-range value is answered next to the field.
    await page.getByTestId("cap-flow_m3h").fill("99999");
    await page.getByTestId("listing-title").fill(title);
    await page.getByTestId("listing-quantity").fill("3");

    // Place the base on the map with a click (tiles do not load offline; the map still takes clicks).
    const map = page.getByTestId("listing-map");
    await map.locator(".leaflet-container").waitFor({ state: "visible", timeout: 30_000 });
    await map.click({ position: { x: 200, y: 140 } });
    await expect.poll(() => page.getByTestId("listing-lat").inputValue()).not.toBe("");
    const lat = Number(await page.getByTestId("listing-lat").inputValue());
    const lng = Number(await page.getByTestId("listing-lng").inputValue());
    expect(lat).toBeGreaterThan(30);
    expect(lat).toBeLessThan(34);
    expect(lng).toBeGreaterThan(117);
    expect(lng).toBeLessThan(120);
    await page.getByTestId("listing-address").fill("No. 100 Zhonghua Road, Qinhuai, Nanjing");

    await page.getByTestId("add-credential").click();
    await page.getByTestId("cred-0-kind").fill("PUMP_OPERATOR");
    await page.getByTestId("cred-0-number").fill("NJ-2026-0042");
    await page.getByTestId("cred-0-issuer").fill("Nanjing Emergency Management Bureau");
    await page.getByTestId("cred-0-validUntil").fill("2030-12-31");

    await page.getByTestId("listing-status").selectOption("AVAILABLE");
    await page.getByTestId("listing-pricing").selectOption("DAILY");
    await page.getByTestId("listing-price").fill("800");
    await page.getByTestId("listing-save").click();
    expect(await visible(page.locator("#cap-flow_m3h-error"))).toBe(true);
    expect(await page.locator("#cap-flow_m3h-error").innerText()).toMatch(/between 0 and \d+ m/);

    await page.getByTestId("cap-flow_m3h").fill("260");
    await page.getByTestId("listing-save").click();
    await page.waitForURL(/\/en\/listings\/[^/]+\/edit\?saved=1/, { timeout: 30_000 });
    expect(await visible(page.getByTestId("listing-saved"))).toBe(true);
    expect(await page.getByTestId("cred-0-number").inputValue()).toBe("NJ-2026-0042");

    await page.goto(`${base()}/en/listings`);
    const row = page.getByTestId("my-listing-row").filter({ hasText: title });
    expect(await visible(row)).toBe(true);
    expect(await row.innerText()).toContain("Available");

    // The browse page (another slice) finds it by its title.
    await page.goto(`${base()}/en/listings/browse?q=${encodeURIComponent(title)}`);
    expect(await visible(page.getByTestId("listing-card-link").filter({ hasText: title }), 30_000)).toBe(true);
    await page.context().close();
  });
});
