import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");
/** The seeded live flood (prisma/seed/incidents-active.ts), run by the demo requester's bureau; its history is in the audit chain. */
const INCIDENT = "秦淮区短时强降雨城市内涝";

describe("a dispatcher replays the demo incident from its audit chain", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("moves the slider, plays at 60×, and verifies the chain", async () => {
    const page = await signInAs(browser, base(), "requester@muster.demo");
    await page.goto(`${base()}/zh-CN/incidents`);
    await page.getByTestId("incident-row").filter({ hasText: INCIDENT }).getByRole("link").first().click();
    await page.waitForURL(/\/zh-CN\/incidents\/[^/]+$/, { timeout: 30_000 });
    const replay = page.getByTestId("incident-replay");
    expect(await visible(replay.getByTestId("replay-slider"), 30_000)).toBe(true);

    // At the end every event is applied; at the start only the first, and no need has been posted yet.
    const applied = async () => Number(await replay.getByTestId("replay-applied").getAttribute("data-applied"));
    const total = await applied();
    expect(total).toBeGreaterThan(10);
    const slider = replay.getByTestId("replay-slider");
    await slider.fill(String(await slider.getAttribute("min")));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="replay-applied"]')?.getAttribute("data-applied")) < 3, null, { timeout: 10_000 });
    const atStart = await applied();
    expect(atStart).toBeLessThan(total);

    // Half-way the needs posted so far show their fill.
    const min = Number(await slider.getAttribute("min"));
    const max = Number(await slider.getAttribute("max"));
    await slider.fill(String(Math.round((min + max) / 2)));
    expect(await visible(replay.getByTestId("replay-needs").locator("li").first())).toBe(true);

    // Play at 60× from the start: the replay clock moves and more events are applied.
    await slider.fill(String(min));
    await replay.getByTestId("replay-play-60").click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="replay-applied"]')?.getAttribute("data-applied")) > n, atStart, { timeout: 60_000 });
    await replay.getByTestId("replay-pause").click();

    // Verify: the server recomputes the chain and says plainly that it is intact.
    await replay.getByTestId("replay-verify").click();
    const result = replay.getByTestId("replay-verify-result");
    expect(await visible(result, 30_000)).toBe(true);
    expect(await result.getAttribute("data-intact")).toBe("true");
    expect(await result.textContent()).toContain("审计链完整");
  });
});
