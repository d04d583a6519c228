import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject("appDatabaseUrl") });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("command centre", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a supplier is refused (page and procedure answer 403)", async () => {
    const page = await signInAs(browser, base(), "supplier@muster.demo");
    expect(await page.getByRole("link", { name: "指挥中心" }).count()).toBe(0);
    await page.goto(`${base()}/zh-CN/command/320100`);
    expect(await visible(page.getByTestId("command-forbidden"))).toBe(true);
    const input = encodeURIComponent(JSON.stringify({ json: { regionCode: "320100" } }));
    const res = await page.request.get(`${base()}/api/trpc/commandMap.map?input=${input}`);
    expect(res.status()).toBe(403);
    await page.context().close();
  });

  it("a government dispatcher sees a need posted in another window appear live on the map, and the wall cycles", async () => {
    const [org] = await query<{ id: string; region_code: string }>(
      `SELECT o.id, o.region_code FROM organization o JOIN membership m ON m.org_id = o.id JOIN users u ON u.id = m.user_id
        WHERE u.email = 'requester@muster.demo' AND o.kind = 'GOVERNMENT' LIMIT 1`,
    );
    expect(org, "the demo requester's government organisation").toBeDefined();
    const [incident] = await query<{ id: string }>(
      `SELECT id FROM incident WHERE org_id = $1 AND status = 'ACTIVE'
          AND region_code IN (SELECT code FROM region WHERE code = $2 OR parent_code = $2) ORDER BY started_at DESC LIMIT 1`,
      [org!.id, org!.region_code],
    );
    expect(incident, "an active incident of that organisation").toBeDefined();
    const [type] = await query<{ id: string; default_unit: string }>(`SELECT id, default_unit FROM resource_type WHERE category = 'MATERIAL' ORDER BY code LIMIT 1`);

    // The desk: /command opens the organisation's region, with the map and its boundaries drawn.
    const desk = await signInAs(browser, base(), "requester@muster.demo");
    await desk.getByRole("link", { name: "指挥中心" }).first().click();
    await desk.waitForURL(new RegExp(`/zh-CN/command/${org!.region_code}$`), { timeout: 30_000 });
    const map = desk.getByTestId("command-map");
    await map.waitFor({ timeout: 30_000 });
    await desk.locator('[data-testid="command-map"] .leaflet-container').waitFor({ timeout: 30_000 });
    await desk.locator('[data-testid="command-map"] path.command-boundary').first().waitFor({ state: "attached", timeout: 30_000 });
    expect(await visible(desk.getByTestId("command-kpi-slot"))).toBe(true);

    // Another window posts a need through the app (tRPC, the same call the need form makes).
    const other = await signInAs(browser, base(), "requester@muster.demo");
    const title = `指挥中心实时测试 ${Date.now()}`;
    const posted = await other.evaluate(
      async (input) => {
        const res = await fetch("/api/trpc/need.create", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
        return { status: res.status, body: await res.json() };
      },
      {
        incidentId: incident!.id, typeId: type!.id, title, quantity: 50, unit: type!.default_unit, stagingLat: 32.0455, stagingLng: 118.7912,
        stagingAddress: "玄武区集结点", neededBy: new Date(Date.now() + 3 * 3_600_000).toISOString(), durationMinutes: 120, maxDistanceKm: 100,
      },
    );
    expect(posted.status, JSON.stringify(posted.body).slice(0, 400)).toBe(200);
    const needId = (posted.body as { result: { data: { json: { id: string } } } }).result.data.json.id;
    // No reload, no polling: the region topic's event makes the open map refetch.
    await desk.locator(`[data-testid="command-map"][data-need-ids~="${needId}"]`).waitFor({ state: "attached", timeout: 30_000 });
    await other.context().close();

    // Wall mode: full screen, cycles from the region to the regions below it on its own.
    // 15 s per screen: a slow first paint on a loaded machine must not let it cycle before the first check.
    await desk.goto(`${base()}/zh-CN/command/${org!.region_code}?wall=1&interval=15`);
    const wall = desk.getByTestId("command-wall");
    await wall.waitFor({ timeout: 30_000 });
    expect(await wall.getAttribute("data-region")).toBe(org!.region_code);
    await desk.locator('[data-testid="command-wall"][data-index="1"]').waitFor({ timeout: 45_000 });
    expect(await wall.getAttribute("data-region")).not.toBe(org!.region_code);
    await desk.context().close();
  });
});
