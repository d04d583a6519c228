import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { enabled, launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");

describe("browsing listings in the browser", () => {
  let browser: Browser;
  let detailPath = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const signIn = (email: string): Promise<Page> => signInAs(browser, base(), email, { locale: "en" });

  it("a requester filters equipment in a Nanjing district, sees results and map clusters, and opens a detail with contacts", async () => {
    const page = await signIn("requester@muster.demo");
    await page.goto(`${base()}/en/listings/browse`);
    expect(await visible(page.getByTestId("browse-filters"))).toBe(true);
    await enabled(page.getByTestId("filter-category"));
    await page.getByTestId("filter-category").selectOption("EQUIPMENT");
    await page.waitForURL(/category=EQUIPMENT/);
    await page.getByTestId("filter-region").selectOption("320115");
    await page.waitForURL(/regionCode=320115/);
    expect(await visible(page.getByTestId("listing-card"))).toBe(true);
    // Every result is equipment in Jiangning.
    const lines = await page.getByTestId("listing-card").allInnerTexts();
    for (const text of lines) expect(text).toContain("Jiangning");
    // The map draws clusters or markers even without tiles.
    const mapShapes = page.locator('[data-testid="browse-map"] [data-testid="map-cluster"], [data-testid="browse-map"] path.map-marker');
    expect(await visible(mapShapes)).toBe(true);

    // Open a listing of an organisation other than the supplier's.
    const cards = page.getByTestId("listing-card");
    const n = await cards.count();
    let link: Locator | null = null;
    for (let i = 0; i < n; i++) {
      // the demo supplier (南京华力…, "Nanjing Huali …" on English pages)
      if (!/华力|Huali/.test(await cards.nth(i).innerText())) {
        link = cards.nth(i).getByTestId("listing-card-link");
        break;
      }
    }
    expect(link).not.toBeNull();
    await link!.click();
    await page.waitForURL(/\/en\/listings\/(?!browse)[^/?]+$/);
    detailPath = new URL(page.url()).pathname;
    expect(detailPath).not.toContain("browse");
    expect(await visible(page.getByTestId("listing-title"))).toBe(true);
    expect(await visible(page.getByTestId("listing-contact-phone"))).toBe(true);
    expect(await visible(page.locator('[data-testid="listing-map"] path.map-marker'))).toBe(true);
    await page.context().close();
  });

  it("a supplier sees the same listing without another organisation's contact data", async () => {
    expect(detailPath).not.toBe("");
    const page = await signIn("supplier@muster.demo");
    await page.goto(`${base()}${detailPath}`);
    expect(await visible(page.getByTestId("listing-title"))).toBe(true);
    expect(await visible(page.getByTestId("listing-contact-hidden"))).toBe(true);
    expect(await page.getByTestId("listing-contact").count()).toBe(0);
    expect(await page.locator("a[href^='tel:']").count()).toBe(0);
    await page.context().close();
  });
});
