import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { enabled, launchBrowser, signInAs, trackLiveStreams, visible } from "@/tests/helpers/browser";
import { pngImage, SECRET_GPS } from "@/server/modules/knights/photos/test-images";

const base = () => inject("appBaseUrl");
const PHONE = { width: 390, height: 844 };

/** "取货点：32.06030, 118.79690" → { lat, lng } */
function parsePoint(text: string | null): { lat: number; lng: number } {
  const m = /(-?\d+\.\d+)\D+(-?\d+\.\d+)/.exec(text ?? "");
  if (!m) throw new Error(`no coordinates in ${text}`);
  return { lat: Number(m[1]), lng: Number(m[2]) };
}

describe("knight dispatch, end to end in two browsers", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The requester posts an incident (location: a click on the map) and lands on its page. */
  async function postIncident(page: Page, title: string): Promise<void> {
    await page.goto(`${base()}/zh-CN/incidents/new`);
    await page.getByTestId("incident-title").fill(`玄武区内涝 ${title}`);
    await page.getByTestId("incident-kind").selectOption("FLOOD");
    await page.getByTestId("incident-severity").selectOption("III");
    await page.locator('[data-testid="incident-location-map"] .leaflet-container').waitFor({ timeout: 30_000 });
    await page.getByTestId("incident-location-map").click();
    await page.getByTestId("incident-address").fill("南京市玄武区中山路 1 号");
    await page.getByTestId("incident-region").selectOption("320102");
    await enabled(page.getByTestId("incident-submit"));
    await page.getByTestId("incident-submit").click();
    await page.waitForURL((url) => /\/zh-CN\/incidents\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith("/new"), { timeout: 30_000 });
  }

  /** On the incident page: opens the need form with a knight type; the form shows the knight-task fields. */
  async function startKnightNeed(page: Page, typeName: string, kind: "DELIVERY" | "RECON", title: string): Promise<void> {
    await enabled(page.getByTestId("add-need"));
    await page.getByTestId("add-need").click();
    const option = page.locator('[data-testid="need-type"] option', { hasText: typeName });
    await option.waitFor({ state: "attached", timeout: 30_000 });
    await page.getByTestId("need-type").selectOption((await option.getAttribute("value"))!);
    // A knight type brings the knight-task fields, with the kind taken from the type.
    expect(await visible(page.getByTestId("knight-task-fields"))).toBe(true);
    expect(await page.getByTestId("need-task-kind").inputValue()).toBe(kind);
    await page.getByTestId("need-title-input").fill(title);
  }

  /** Submits the need form; returns the new need's id once its row is listed. */
  async function submitNeed(page: Page, title: string): Promise<string> {
    await page.getByTestId("need-submit").click();
    const row = page.locator('[data-testid="need-row"]', { hasText: title });
    await row.waitFor({ timeout: 30_000 });
    return (await row.getAttribute("data-need-id"))!;
  }

  /** The requester posts an incident with a knight delivery need; returns the need and its pickup point. */
  async function postKnightNeed(page: Page, title: string): Promise<{ needId: string; pickup: { lat: number; lng: number } }> {
    await postIncident(page, title);
    await startKnightNeed(page, "骑士配送", "DELIVERY", title);

    // A delivery without a pickup point is refused, and the form says where.
    await page.getByTestId("need-submit").click();
    expect(await visible(page.locator("#need-pickup-error"))).toBe(true);

    await page.getByTestId("need-pickup-address").fill("玄武区物资仓库 A 门");
    await page.locator('[data-testid="need-pickup-map"] .leaflet-container').waitFor({ timeout: 30_000 });
    await page.getByTestId("need-pickup-map").click();
    const pickup = parsePoint(await page.getByTestId("need-pickup-value").textContent());
    await page.getByTestId("need-cargo-kg").fill("5");
    await page.getByTestId("need-reward").fill("30");
    return { needId: await submitNeed(page, title), pickup };
  }

  /** The requester posts an incident with a knight recon need at a point picked on the map; returns the need and that point. */
  async function postReconNeed(page: Page, title: string): Promise<{ needId: string; site: { lat: number; lng: number } }> {
    await postIncident(page, title);
    await startKnightNeed(page, "骑士巡查", "RECON", title);
    await page.locator('[data-testid="need-staging-map"] .leaflet-container').waitFor({ timeout: 30_000 });
    await page.getByTestId("need-staging-map").click();
    const site = parsePoint(await page.getByTestId("need-staging-value").textContent());
    return { needId: await submitNeed(page, title), site };
  }

  /** The knight on a phone, on duty and sharing a position at `at`, with the live connection up. */
  async function knightOnDutyAt(at: { lat: number; lng: number }): Promise<Page> {
    const knight = await signInAs(browser, base(), "knight@muster.demo", { viewport: PHONE });
    await knight.context().grantPermissions(["geolocation"], { origin: base() });
    await knight.context().setGeolocation({ latitude: at.lat, longitude: at.lng, accuracy: 10 });
    await knight.goto(`${base()}/zh-CN/knight`);
    const duty = knight.getByTestId("duty-switch");
    await enabled(duty);
    if ((await duty.getAttribute("data-on")) !== "true") {
      await duty.click();
      await knight.locator('[data-testid="duty-switch"][data-on="true"]').waitFor({ timeout: 15_000 });
    }
    await knight.getByText("最近一次上报").waitFor({ timeout: 45_000 });
    await knight.locator('[data-testid="connection-indicator"][data-state="live"]').waitFor({ timeout: 30_000 });
    return knight;
  }

  /** A knight on duty at `at`; the requester starts the need's dispatch; the offer reaches the knight's page. */
  async function offerReachesKnight(requester: Page, needId: string, at: { lat: number; lng: number }) {
    const card = requester.locator(`[data-testid="knight-dispatch-card"][data-need-id="${needId}"]`);
    const knight = await knightOnDutyAt(at);
    await enabled(card.getByTestId("dispatch-start"));
    await card.getByTestId("dispatch-start").click();
    const offer = knight.locator(`[data-testid="offer-card"][data-need-id="${needId}"]`);
    await offer.waitFor({ timeout: 30_000 });
    return { card, knight, offer };
  }

  it("a knight on a phone goes on duty, gets the offer live, accepts, rides it through and is credited", async () => {
    const title = `送药到安置点 ${crypto.randomBytes(3).toString("hex")}`;
    const requester = await signInAs(browser, base(), "requester@muster.demo");
    const requesterStreams = trackLiveStreams(requester);
    const { needId, pickup } = await postKnightNeed(requester, title);
    const card = requester.locator(`[data-testid="knight-dispatch-card"][data-need-id="${needId}"]`);
    expect(await visible(card)).toBe(true);
    expect(await card.getAttribute("data-state")).toBe("notStarted");
    // The bell, the incident's assignments and the dispatch card follow live topics over one connection.
    await expect.poll(requesterStreams, { timeout: 15_000 }).toBe(1);

    // The knight stands exactly at the pickup point, so they are the nearest in the first wave.
    const knight = await signInAs(browser, base(), "knight@muster.demo", { viewport: PHONE });
    await knight.context().grantPermissions(["geolocation"], { origin: base() });
    await knight.context().setGeolocation({ latitude: pickup.lat, longitude: pickup.lng, accuracy: 10 });
    await knight.goto(`${base()}/zh-CN/knight`);
    expect(await visible(knight.getByTestId("knight-home"))).toBe(true);
    expect(await visible(knight.getByTestId("knight-tab-bar"))).toBe(true);
    // The app is installable: the page links its web manifest.
    expect(await knight.locator('link[rel="manifest"]').getAttribute("href")).toBe("/manifest.webmanifest");

    const duty = knight.getByTestId("duty-switch");
    await enabled(duty);
    if ((await duty.getAttribute("data-on")) === "true") {
      await duty.click();
      await knight.locator('[data-testid="duty-switch"][data-on="false"]').waitFor({ timeout: 15_000 });
      expect(await visible(knight.getByTestId("knight-off-duty"))).toBe(true);
      await enabled(duty);
    }
    await duty.click();
    await knight.locator('[data-testid="duty-switch"][data-on="true"]').waitFor({ timeout: 15_000 });
    expect(await visible(knight.getByTestId("duty-timer"))).toBe(true);
    // Position shared (and stored) before dispatch starts; then the empty state says to keep the page open.
    await knight.locator('[data-testid="location-status"][data-state="sharing"]').waitFor({ timeout: 45_000 });
    await knight.getByText("最近一次上报").waitFor({ timeout: 45_000 });
    expect(await visible(knight.getByTestId("knight-no-offers"))).toBe(true);
    await knight.locator('[data-testid="connection-indicator"][data-state="live"]').waitFor({ timeout: 30_000 });

    // The requester starts dispatch; the offer reaches the knight's open page live (no reload).
    await enabled(card.getByTestId("dispatch-start"));
    await card.getByTestId("dispatch-start").click();
    await requester.locator(`[data-testid="knight-dispatch-card"][data-need-id="${needId}"][data-state="running"]`).waitFor({ timeout: 15_000 });
    const offer = knight.locator(`[data-testid="offer-card"][data-need-id="${needId}"]`);
    await offer.waitFor({ timeout: 30_000 });
    expect(await offer.getByTestId("offer-title").textContent()).toBe(title);
    expect(await offer.getByTestId("offer-pickup").textContent()).toBe("玄武区物资仓库 A 门");
    expect(await offer.getByTestId("offer-reward").textContent()).toContain("30");
    expect(await offer.getByTestId("offer-distance").textContent()).toMatch(/km|公里|m/);
    // A wave lasts minutes: the countdown reads as a span ("1分30秒"), not a clock.
    expect(await offer.getByTestId("offer-countdown").textContent()).toMatch(/^(\d+分钟|\d+分\d+秒|\d+秒)$/);

    // Accept: the knight lands on the task screen with navigation links to the pickup.
    await offer.getByTestId("offer-accept").click();
    await knight.waitForURL(/\/zh-CN\/knight\/tasks\/[^/]+$/, { timeout: 30_000 });
    const screen = knight.getByTestId("task-screen");
    expect(await visible(screen)).toBe(true);
    expect(await knight.getByTestId("task-title").textContent()).toBe(title);
    expect(await screen.getAttribute("data-stage")).toBe("ACCEPTED");
    expect(await knight.locator('[data-testid="nav-links-pickup"] a[href^="geo:"]').count()).toBe(1);
    expect(await knight.locator('[data-testid="nav-links-pickup"] a[href^="https://uri.amap.com/"]').count()).toBe(1);

    // The requester sees the place filled and the knight on the task, live.
    await requester.locator(`[data-testid="knight-dispatch-card"][data-need-id="${needId}"] [data-testid="dispatch-knight"]`).waitFor({ timeout: 30_000 });
    expect(await card.getByTestId("dispatch-knight").first().textContent()).toContain("王小骑");
    expect(await card.getByTestId("dispatch-count-ACCEPTED").textContent()).toBe("1");
    // On a live task the dispatcher sees the knight's exact position on the card's map.
    expect(await card.getByTestId("dispatch-knight-position").first().textContent()).toContain("实时位置");
    expect(await card.getByTestId("dispatch-map").getAttribute("data-points")).toContain("knight");

    // The knight rides the stages: at pickup → picked up → at drop-off → delivered.
    for (const [next, reached] of [["AT_PICKUP", "AT_PICKUP"], ["PICKED_UP", "PICKED_UP"], ["AT_DROPOFF", "AT_DROPOFF"], ["DELIVERED", "DELIVERED"]] as const) {
      const button = knight.locator(`[data-testid="task-advance"][data-next="${next}"]`);
      await button.waitFor({ timeout: 15_000 });
      await enabled(button);
      if (next === "DELIVERED") await knight.getByTestId("task-note").fill("已交给安置点王主任");
      // Picked up in a dead zone: the step waits on the phone and goes by itself when the network is back.
      const deadZone = next === "PICKED_UP";
      if (deadZone) await knight.context().setOffline(true);
      await button.click();
      if (deadZone) {
        await knight.getByTestId("task-step-queued").waitFor({ timeout: 15_000 });
        expect(await screen.getAttribute("data-stage")).toBe("AT_PICKUP");
        expect(await knight.getByTestId("task-advance").isDisabled()).toBe(true);
        await knight.context().setOffline(false);
      }
      await knight.locator(`[data-testid="task-screen"][data-stage="${reached}"]`).waitFor({ timeout: 30_000 });
      if (deadZone) expect(await knight.getByTestId("task-step-queued").count()).toBe(0);
    }
    expect(await visible(knight.getByTestId("task-waiting"))).toBe(true);

    // The requester confirms completion; the knight's screen shows it live, with the points earned.
    const confirm = card.getByTestId("dispatch-confirm");
    await confirm.waitFor({ timeout: 30_000 });
    await confirm.click();
    await knight.locator('[data-testid="task-screen"][data-stage="COMPLETED"]').waitFor({ timeout: 30_000 });
    expect(await visible(knight.getByTestId("task-completed"))).toBe(true);
    // Points earned = the platform's points for the task plus the requester's 30-point reward.
    await knight.getByTestId("task-reward").getByText("已获得").waitFor({ timeout: 15_000 });
    const earned = Number(/(\d+)/.exec((await knight.getByTestId("task-reward").textContent()) ?? "")?.[1]);
    expect(earned).toBeGreaterThan(30);

    // History lists the task with its points.
    await knight.getByTestId("knight-tab-history").click();
    await knight.waitForURL(/\/zh-CN\/knight\/history$/);
    const historyRow = knight.locator('[data-testid="history-row"]', { hasText: title });
    expect(await visible(historyRow)).toBe(true);
    expect(await historyRow.getByTestId("history-points-earned").textContent()).toBe(`+${earned} 分`);

    // Standing: points and the district leaderboard (or its empty state).
    await knight.getByTestId("knight-tab-standing").click();
    await knight.waitForURL(/\/zh-CN\/knight\/standing$/);
    await knight.getByTestId("standing-points").getByText(/\d/).waitFor({ timeout: 15_000 });
    expect(await visible(knight.locator('[data-testid="leaderboard"], [data-testid="board-empty"]'))).toBe(true);

    await knight.context().close();
    await requester.context().close();
  });

  it("a knight declines an offer with a reason: the card goes, and the requester's board counts the decline live", async () => {
    const title = `送水到学校 ${crypto.randomBytes(3).toString("hex")}`;
    const requester = await signInAs(browser, base(), "requester@muster.demo");
    const { needId, pickup } = await postKnightNeed(requester, title);
    const { card, knight, offer } = await offerReachesKnight(requester, needId, pickup);
    await offer.getByTestId("offer-decline").click();
    expect(await visible(offer.getByTestId("decline-form"))).toBe(true);
    await offer.getByText("太远").click();
    await offer.getByTestId("decline-confirm").click();
    await offer.waitFor({ state: "detached", timeout: 15_000 });

    await card.locator('[data-testid="dispatch-count-DECLINED"]', { hasText: "1" }).waitFor({ timeout: 30_000 });
    await knight.context().close();
    await requester.context().close();
  });

  it("a knight on a recon task photographs the site on a phone and reports; the dispatcher sees the photo live", async () => {
    const title = `积水点巡查 ${crypto.randomBytes(3).toString("hex")}`;
    const requester = await signInAs(browser, base(), "requester@muster.demo");
    const { needId, site } = await postReconNeed(requester, title);
    const { card, knight, offer } = await offerReachesKnight(requester, needId, site);
    await offer.getByTestId("offer-accept").click();
    await knight.waitForURL(/\/zh-CN\/knight\/tasks\/[^/]+$/, { timeout: 30_000 });
    // On the way there is nothing to photograph yet; the screen says when photos come.
    expect(await visible(knight.getByTestId("task-photos-empty"))).toBe(true);
    expect(await knight.getByTestId("task-photo-input").count()).toBe(0);
    await enabled(knight.locator('[data-testid="task-advance"][data-next="AT_DROPOFF"]'));
    await knight.locator('[data-testid="task-advance"][data-next="AT_DROPOFF"]').click();
    await knight.locator('[data-testid="task-screen"][data-stage="AT_DROPOFF"]').waitFor({ timeout: 15_000 });
    expect(await card.getByTestId("task-report-empty").textContent()).toContain("还没有回传");

    // At the site: the camera control, then a photo (a PNG carrying a GPS text block) — shrunk, re-encoded, sent.
    const camera = knight.locator('[data-testid="task-photo-input"]:not([disabled])');
    await camera.waitFor({ state: "attached", timeout: 15_000 });
    expect(await camera.getAttribute("capture")).toBe("environment");
    expect(await camera.getAttribute("accept")).toBe("image/*");
    await camera.setInputFiles({ name: "site.png", mimeType: "image/png", buffer: Buffer.from(pngImage({ width: 480, height: 360, metadata: true })) });
    const thumb = knight.getByTestId("task-photo");
    await thumb.waitFor({ timeout: 30_000 });
    await knight.locator('[data-testid="task-photos"][data-count="1"]').waitFor({ timeout: 15_000 });
    expect(await knight.getByTestId("task-photo-pending").count()).toBe(0);
    const photoUrl = (await thumb.locator("a").getAttribute("href"))!;
    const served = await knight.request.get(`${base()}${photoUrl}`);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/jpeg");
    expect(served.headers()["cache-control"]).toMatch(/^private/);
    // Opened on its own (the thumbnail's link), a photo is a sandboxed document that may load nothing.
    expect(served.headers()["content-security-policy"]).toMatch(/^default-src 'none';.*; sandbox$/);
    expect(served.headers()["x-content-type-options"]).toBe("nosniff");
    expect((await served.body()).includes(Buffer.from(SECRET_GPS))).toBe(false);
    await expect.poll(() => thumb.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 }).toBe(480);

    // The dispatcher's card shows the thumbnail live, before the report is even sent.
    const remote = card.locator(`[data-testid="task-report-photo"][data-photo-id="${photoUrl.split("/").pop()}"]`);
    await remote.waitFor({ timeout: 30_000 });

    // A photo is a report: "reported" without a word of text.
    const report = knight.locator('[data-testid="task-advance"][data-next="DELIVERED"]');
    await enabled(report);
    await report.click();
    await knight.locator('[data-testid="task-screen"][data-stage="DELIVERED"]').waitFor({ timeout: 15_000 });
    expect(await knight.getByTestId("task-photo-remove").count()).toBe(0);

    await expect.poll(() => remote.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(480);
    expect(await remote.getAttribute("href")).toBe(photoUrl);
    expect(await remote.getAttribute("target")).toBe("_blank");
    // A signed-out browser is asked to sign in (other signed-in people get 404: app/api/task-photos/read-photo.int.test.ts).
    const stranger = await browser.newContext();
    expect((await stranger.request.get(`${base()}${photoUrl}`)).status()).toBe(401);
    await stranger.close();

    await card.getByTestId("dispatch-confirm").click();
    await knight.locator('[data-testid="task-screen"][data-stage="COMPLETED"]').waitFor({ timeout: 30_000 });
    // After the task ends the knight still sees the photo (read-only).
    expect(await knight.getByTestId("task-photo").count()).toBe(1);
    await knight.context().close();
    await requester.context().close();
  });

  it("a knight whose phone refuses location is told why and how to fix it", async () => {
    const knight = await signInAs(browser, base(), "knight@muster.demo", { viewport: PHONE });
    // No geolocation permission granted in this context: the browser denies it.
    await knight.goto(`${base()}/zh-CN/knight`);
    const duty = knight.getByTestId("duty-switch");
    await enabled(duty);
    if ((await duty.getAttribute("data-on")) !== "true") {
      await duty.click();
      await knight.locator('[data-testid="duty-switch"][data-on="true"]').waitFor({ timeout: 15_000 });
    }
    await knight.locator('[data-testid="location-status"][data-state="denied"]').waitFor({ timeout: 30_000 });
    expect(await knight.getByTestId("location-status").getAttribute("role")).toBe("alert");
    await knight.context().close();
  });

  it("a requester draws a hazard zone on the incident map, sees it listed, and deactivates it", async () => {
    const requester = await signInAs(browser, base(), "requester@muster.demo");
    await postIncident(requester, `危险区 ${crypto.randomBytes(3).toString("hex")}`);
    const map = requester.getByTestId("incident-map");
    await requester.locator('[data-testid="incident-map"] .leaflet-container').waitFor({ timeout: 30_000 });
    expect(await visible(requester.getByTestId("hazard-empty"))).toBe(true);

    await enabled(requester.getByTestId("hazard-draw"));
    await requester.getByTestId("hazard-draw").click();
    const box = (await map.boundingBox())!;
    for (const [dx, dy] of [[-60, -50], [60, -50], [0, 60]]) {
      await map.click({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
    }
    expect(await requester.getByTestId("hazard-corner-count").getAttribute("data-count")).toBe("3");
    await requester.getByTestId("hazard-finish").click();
    await requester.getByTestId("hazard-name").fill("中山路积水段");
    await requester.getByTestId("hazard-severity").selectOption("II");
    await requester.getByTestId("hazard-training").selectOption("FLOOD_SAFETY");
    await requester.getByTestId("hazard-save").click();
    expect(await visible(requester.getByTestId("hazard-saved"))).toBe(true);
    const row = requester.locator('[data-testid="hazard-row"][data-active="true"]', { hasText: "中山路积水段" });
    expect(await visible(row)).toBe(true);
    expect(await row.textContent()).toContain("防汛安全");
    await requester.locator('[data-testid="incident-map"][data-hazards="1"]').waitFor({ timeout: 15_000 });

    await row.getByTestId("hazard-deactivate").click();
    await requester.locator('[data-testid="hazard-row"][data-active="false"]', { hasText: "中山路积水段" }).waitFor({ timeout: 15_000 });
    await requester.locator('[data-testid="incident-map"][data-hazards="0"]').waitFor({ timeout: 15_000 });
    await requester.context().close();
  });
});
