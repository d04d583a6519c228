import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { enabled, launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");
/** The seeded live flood (prisma/seed/incidents-active.ts), run by the demo requester's bureau. */
const INCIDENT = "秦淮区短时强降雨城市内涝";
const SECTIONS = ["overview", "analysis", "plan", "participants", "resources", "unmet", "costs"];

describe("a dispatcher opens the demo incident's after-action report", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the HSEEP sections, takes an improvement item, downloads the CSV and the PDF; the command centre links it", async () => {
    const page = await signInAs(browser, base(), "requester@muster.demo");
    await page.goto(`${base()}/zh-CN/incidents`);
    await page.getByTestId("incident-row").filter({ hasText: INCIDENT }).getByRole("link").first().click();
    await page.waitForURL(/\/zh-CN\/incidents\/[^/]+$/, { timeout: 30_000 });
    await page.getByTestId("incident-report-link").click();
    await page.waitForURL(/\/zh-CN\/incidents\/[^/]+\/report$/, { timeout: 30_000 });
    expect(await visible(page.getByTestId("aar-page"), 30_000)).toBe(true);
    for (const s of SECTIONS) expect(await page.getByTestId(`aar-${s}`).isVisible()).toBe(true);
    expect(await page.getByTestId("aar-objectives").locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("aar-segments").locator("tbody tr").count()).toBe(5);
    expect(await page.getByTestId("aar-finding").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("aar-participants-table").textContent()).toContain("南京市应急管理局");

    // The bureau runs the incident, so it keeps the improvement plan.
    await enabled(page.getByTestId("aar-plan-add"));
    await page.getByTestId("aar-plan-add").click();
    const form = page.getByTestId("aar-plan-form");
    await form.getByLabel("问题 / 待改进项").fill("夜间出动偏慢");
    await form.getByLabel("纠正措施").fill("与排涝泵车供给方约定夜间 30 分钟内出动");
    await page.getByTestId("aar-plan-save").click();
    expect(await visible(page.getByTestId("aar-plan-table").getByText("夜间出动偏慢"), 30_000)).toBe(true);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("aar-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^muster-aar-.+\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    expect(csv.split("\n")[0]).toBe("section,subject,metric,value,audit_seqs");
    expect(csv).toContain(`overview,${INCIDENT},kind,FLOOD`);
    expect(csv).toContain("夜间出动偏慢");
    expect(csv).toMatch(/\nresponse_time,all,TURNOUT\.p90_s,/);

    // PDF: the print page rendered by the server's Chromium (the same one these tests drive: system or bundled).
    const pdf = await page.request.get(`${base()}${await page.getByTestId("aar-pdf").getAttribute("href")}`, { timeout: 120_000 });
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // The command centre's incident list links each incident's report too.
    await page.goto(`${base()}/zh-CN/command`);
    const link = page.getByTestId("command-incident-report").first();
    expect(await visible(link, 30_000)).toBe(true);
    expect(await link.getAttribute("href")).toMatch(/^\/zh-CN\/incidents\/[^/]+\/report$/);
  });
});
