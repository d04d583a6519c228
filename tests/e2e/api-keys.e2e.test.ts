import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { enabled, launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");

describe("API keys with scopes in the browser", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a supplier owner picks scopes (only its kind's, reads pre-ticked), and the key can do exactly those", async () => {
    const page = await signInAs(browser, base(), "supplier@muster.demo", { locale: "en" });
    await page.goto(`${base()}/en/settings/api-keys`);
    expect(await visible(page.getByTestId("apikey-scopes"))).toBe(true);

    const offered = await page.locator('[data-testid^="apikey-scope-"]').evaluateAll((els) =>
      els.map((e) => [e.getAttribute("data-testid")!.replace("apikey-scope-", ""), (e as HTMLInputElement).checked] as const),
    );
    expect(offered).toEqual([
      ["catalogue:read", true],
      ["listings:read", true],
      ["listings:write", false],
      ["offers:respond", false],
      ["orders:read", true],
      ["compensation:read", true],
      ["compensation:write", false],
      ["search:read", true],
      ["platform:riders", false],
    ]);

    // Nothing ticked: the form says so and creates nothing.
    const name = `ERP sync ${crypto.randomBytes(2).toString("hex")}`;
    await page.getByTestId("apikey-name").fill(name);
    await page.getByTestId("apikey-scope-catalogue:read").uncheck();
    await page.getByTestId("apikey-scope-listings:read").uncheck();
    await page.getByTestId("apikey-scope-compensation:read").uncheck();
    await page.getByTestId("apikey-scope-orders:read").uncheck();
    await page.getByTestId("apikey-scope-search:read").uncheck();
    await enabled(page.getByTestId("apikey-create-submit"));
    await page.getByTestId("apikey-create-submit").click();
    expect(await page.getByTestId("apikey-scopes").getByRole("alert").textContent()).toContain("at least one scope");

    await page.getByTestId("apikey-scope-listings:read").check();
    await page.getByTestId("apikey-create-submit").click();
    expect(await visible(page.getByTestId("apikey-secret-panel"))).toBe(true);
    const secret = (await page.getByTestId("apikey-secret").textContent())!.trim();
    const row = page.getByTestId("apikey-row").filter({ hasText: name });
    await expect.poll(() => row.getByTestId("apikey-row-scopes").textContent(), { timeout: 15_000 }).toBe("listings:read");
    await page.context().close();

    const call = (path: string) => fetch(`${base()}/api/v1${path}`, { headers: { authorization: `Bearer ${secret}` } });
    const listings = await call("/listings");
    expect(listings.status).toBe(200);
    expect(listings.headers.get("ratelimit-limit")).toBe("100");
    const catalogue = await call("/resource-types");
    expect(catalogue.status).toBe(403);
    expect(((await catalogue.json()) as { message: string }).message).toBe('This API key lacks the scope "catalogue:read".');
  });
});
