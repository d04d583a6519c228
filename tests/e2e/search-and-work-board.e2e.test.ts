import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import { loadMatchNeed } from "@/server/modules/matching/load-match-need";
import { listWorkBoard } from "@/server/modules/volunteers/work-board";
import { indexAllDocuments } from "@/server/modules/search/index-all";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { launchBrowser, signInAs, visible } from "@/tests/helpers/browser";

const base = () => inject("appBaseUrl");

/** The demo supplier as the board sees it (built from its memberships, as resolveActor would). */
async function supplierActor(db: PrismaClient): Promise<Actor> {
  const u = await db.user.findFirstOrThrow({
    where: { email: "supplier@muster.demo" },
    select: { id: true, memberships: { select: { orgId: true, role: true, org: { select: { kind: true, verification: true } } } } },
  });
  const memberships = u.memberships.map((m) => ({ orgId: m.orgId, orgRole: m.role, orgKind: m.org.kind, verification: m.org.verification }));
  return { via: "session", userId: u.id, roles: ["SUPPLIER"], memberships };
}

/**
 * A need on the board of the demo supplier, run by the demo requester's organisation, with one of the
 * supplier's listings that passes every rule right now (other browser tests may have booked some meanwhile).
 */
async function pickOffer(db: PrismaClient): Promise<{ needId: string; incidentId: string; resourceId: string }> {
  const requester = await db.user.findFirstOrThrow({ where: { email: "requester@muster.demo" }, select: { memberships: { select: { orgId: true, role: true } } } });
  const dispatches = new Set(requester.memberships.filter((m) => m.role !== "MEMBER").map((m) => m.orgId));
  const board = await listWorkBoard(db, await supplierActor(db), {});
  for (const n of board.needs) {
    const incident = await db.incident.findUniqueOrThrow({ where: { id: n.incidentId }, select: { orgId: true } });
    if (!dispatches.has(incident.orgId) || n.volunteered.length > 0) continue;
    const need = await loadMatchNeed(db, n.id);
    for (const l of n.listings) {
      if ((await findCandidates(db, need, { resourceId: l.id, poolSize: 1 })).length) return { needId: n.id, incidentId: n.incidentId, resourceId: l.id };
    }
  }
  throw new Error("no need on the demo supplier's board that one of its listings may serve");
}

describe("search box, results page and the suppliers' work board", () => {
  let browser: Browser;
  let db: PrismaClient;
  let supplier: Page;
  let offer: { needId: string; incidentId: string; resourceId: string };

  beforeAll(async () => {
    db = createPrismaClient(inject("appDatabaseUrl"), 2);
    // the seed writes rows, not search documents: build the index as the reindex does
    await indexAllDocuments(db, [postgresEngine(db)]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    // leave the shared demo data as other browser tests expect it: the offer to help is withdrawn
    if (offer) await db.volunteer.updateMany({ where: { needId: offer.needId, resourceId: offer.resourceId, withdrawnAt: null }, data: { withdrawnAt: new Date() } });
    await db?.$disconnect();
  });

  it("a supplier types Chinese in the header box, picks a suggestion, and filters the results by a facet", async () => {
    supplier = await signInAs(browser, base(), "supplier@muster.demo");
    // "/" focuses the box from anywhere outside a field
    await supplier.locator("body").press("/");
    const input = supplier.locator('[data-testid="header-search-input"]:visible');
    await supplier.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.testid === "header-search-input");
    await input.pressSequentially("冲锋舟", { delay: 30 });
    const listbox = supplier.locator('[data-testid="header-search-listbox"]:visible');
    await listbox.locator('[data-testid="suggest-group-type"] [role="option"]').first().waitFor({ timeout: 30_000 });
    expect(await input.getAttribute("aria-expanded")).toBe("true");
    expect(await listbox.locator('[data-testid="suggestion"] mark').count()).toBeGreaterThan(0);
    // keyboard: walk down to the first resource-type suggestion and open it
    const options = listbox.getByRole("option");
    const kinds = await options.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind ?? "all"));
    const target = kinds.indexOf("type");
    for (let i = 0; i <= target; i++) await input.press("ArrowDown");
    const activeId = await input.getAttribute("aria-activedescendant");
    expect(activeId).toBe(await options.nth(target).getAttribute("id"));
    await input.press("Enter");

    await supplier.waitForURL(/\/zh-CN\/search\?q=/, { timeout: 30_000 });
    expect(new URL(supplier.url()).searchParams.getAll("kind")).toEqual(["resource"]);
    expect(await visible(supplier.getByTestId("search-facets"), 30_000)).toBe(true);
    await supplier.getByTestId("search-hit").first().waitFor({ timeout: 30_000 });
    expect(await supplier.getByTestId("search-engine").getAttribute("data-engine")).toBe("postgres");
    expect(await supplier.locator('[data-testid="search-hit-link"] mark').count()).toBeGreaterThan(0);
    await supplier.getByTestId("search-map").waitFor();

    const categories = await supplier.getByTestId("facet-category").locator("option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
    expect(categories).toContain("EQUIPMENT");
    await supplier.getByTestId("facet-category").selectOption("EQUIPMENT");
    await supplier.waitForURL(/category=EQUIPMENT/);
    await supplier.waitForSelector('[data-testid="search-results"][data-query*="category=EQUIPMENT"]');
    expect(new URL(supplier.url()).searchParams.get("q")).toContain("冲锋舟");
    // back goes to the unfiltered results, forward to the filtered ones
    await supplier.goBack();
    await supplier.waitForURL((u) => !u.searchParams.has("category"));
    await supplier.goForward();
    await supplier.waitForURL(/category=EQUIPMENT/);
  });

  it("the supplier offers to help on the work board, and the dispatcher sees the volunteered listing", async () => {
    offer = await pickOffer(db);
    await supplier.goto(`${base()}/zh-CN/dashboard`);
    await supplier.getByRole("link", { name: "找任务" }).first().click();
    await supplier.waitForURL(/\/zh-CN\/work-board/);
    const card = supplier.locator(`[data-testid="board-need"][data-need-id="${offer.needId}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getByTestId("board-distance-line").textContent()).toMatch(/\d+(\.\d)? 公里/);
    await card.getByTestId("board-offer").click();
    await card.getByTestId("board-offer-listing").selectOption(offer.resourceId);
    await card.getByTestId("board-offer-submit").click();
    await supplier.getByTestId("board-notice").waitFor({ timeout: 30_000 });
    await card.getByTestId("board-volunteered").waitFor();

    const dispatcher = await signInAs(browser, base(), "requester@muster.demo");
    await dispatcher.goto(`${base()}/zh-CN/incidents/${offer.incidentId}`);
    const row = dispatcher.locator(`[data-testid="volunteer-candidate"][data-resource-id="${offer.resourceId}"][data-need-id="${offer.needId}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId("volunteered-line").textContent()).toContain("主动请缨");
    expect(await row.textContent()).toContain("目前符合条件");
    // the dispatcher was notified
    const notes = await db.notification.count({ where: { kind: "need.volunteered", payload: { path: ["needId"], equals: offer.needId } } });
    expect(notes).toBeGreaterThan(0);
  });
});
