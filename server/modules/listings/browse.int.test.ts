import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import { seedBrowseFixture, type BrowseFixture } from "@/server/modules/listings/browse-test-fixtures";

let t: TestDatabase;
let f: BrowseFixture;

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx).listingBrowse;
}

async function titles(actor: Actor, input: Parameters<ReturnType<typeof caller>["search"]>[0] = {}) {
  const page = await caller(actor).search({ limit: 100, ...input });
  return page.items.map((i) => i.title).sort();
}

beforeAll(async () => {
  t = await testDb();
  f = await seedBrowseFixture(t.db);
});
afterAll(async () => t.cleanup());

describe("listingBrowse.search visibility", () => {
  it("shows only AVAILABLE/OUT_OF_SERVICE listings of verified orgs and experts to another org", async () => {
    expect(await titles(f.actors.otherSupplier)).toEqual(["大流量排水泵A", "无锡排水泵", "水文专家", "维修中泵", "防汛沙袋"].sort());
  });

  it("never shows drafts, retired or unverified listings to others, even with verifiedOnly=false", async () => {
    const seen = await titles(f.actors.otherSupplier, { verifiedOnly: false });
    expect(seen).not.toContain("草稿泵");
    expect(seen).not.toContain("退役泵");
    expect(seen).not.toContain("未审核泵");
    await expect(caller(f.actors.otherSupplier).get({ id: f.listings.draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(f.actors.requester).get({ id: f.listings.unverified.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(f.actors.admin).get({ id: f.listings.retired.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets an unverified org see its own offered listing only with verifiedOnly=false", async () => {
    expect(await titles(f.actors.pendingSupplier)).not.toContain("未审核泵");
    expect(await titles(f.actors.pendingSupplier, { verifiedOnly: false })).toContain("未审核泵");
  });

  it("denies knights and anonymous callers", async () => {
    await expect(caller(f.actors.knight).search({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(null).search({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("listingBrowse.search filters", () => {
  const a = () => f.actors.requester;
  it("filters by category, type code and pricing mode", async () => {
    expect(await titles(a(), { category: "MATERIAL" })).toEqual(["防汛沙袋"]);
    expect(await titles(a(), { typeCode: "T-BAG" })).toEqual(["防汛沙袋"]);
    expect(await titles(a(), { pricingMode: "DAILY" })).toEqual(["大流量排水泵A"]);
  });

  it("a city includes its districts; a district only itself", async () => {
    expect(await titles(a(), { regionCode: "320104" })).toEqual(["水文专家", "防汛沙袋"].sort());
    const city = await titles(a(), { regionCode: "320100" });
    expect(city).toEqual(["大流量排水泵A", "水文专家", "维修中泵", "防汛沙袋"].sort());
    expect(await titles(a(), { regionCode: "320000" })).toHaveLength(5);
  });

  it("filters by bbox and by text", async () => {
    expect(await titles(a(), { bbox: "31.3,120.0,31.7,120.6" })).toEqual(["无锡排水泵"]);
    expect(await titles(a(), { q: "沙袋" })).toEqual(["防汛沙袋"]);
    expect(await titles(a(), { q: "%" })).toEqual([]);
  });

  it("availableNow drops OUT_OF_SERVICE, blacked-out and out-of-window listings", async () => {
    await t.db.availabilityWindow.create({
      data: { resourceId: f.listings.bagsQinhuai.id, kind: "BLACKOUT", startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 3600_000) },
    });
    const now = await titles(a(), { availableNow: true });
    expect(now).not.toContain("维修中泵");
    expect(now).not.toContain("防汛沙袋");
    expect(now).toContain("无锡排水泵");
  });

  it("pages with a cursor without repeats", async () => {
    const p1 = await caller(a()).search({ limit: 2 });
    const p2 = await caller(a()).search({ limit: 2, cursor: p1.nextCursor! });
    const p3 = await caller(a()).search({ limit: 2, cursor: p2.nextCursor! });
    const ids = [...p1.items, ...p2.items, ...p3.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(5);
    expect(p3.nextCursor).toBeNull();
  });
});

describe("listingBrowse.get contact privacy", () => {
  it("gives contact data to requesters and admins only", async () => {
    const forRequester = await caller(f.actors.requester).get({ id: f.listings.pump.id });
    expect(forRequester.contact?.phone).toBe(f.orgs.verified.contactPhone);
    expect((await caller(f.actors.admin).get({ id: f.listings.pump.id })).contact).not.toBeNull();
    const forSupplier = await caller(f.actors.otherSupplier).get({ id: f.listings.pump.id });
    expect(forSupplier.contact).toBeNull();
    expect(JSON.stringify(forSupplier)).not.toContain(f.orgs.verified.contactPhone);
    const expertForSupplier = await caller(f.actors.otherSupplier).get({ id: f.listings.expert.id });
    expect(expertForSupplier.contact).toBeNull();
    expect((await caller(f.actors.requester).get({ id: f.listings.expert.id })).contact?.phone).toBe(f.expertUser.phone);
  });

  it("returns capabilities with units, available quantity and an expired required credential", async () => {
    const d = await caller(f.actors.requester).get({ id: f.listings.pump.id });
    expect(d.capabilities).toEqual([{ key: "flow_m3h", value: 1200, unit: "m³/h", labelZh: "流量", labelEn: "Flow" }]);
    expect(d.quantityAvailable).toBe(3);
    expect(d.credentials).toEqual([expect.objectContaining({ kind: "SAFETY_CERT", expired: true, required: true })]);
    expect(d.windows).toHaveLength(1);
  });

  it("organisation page: verified org with listings; pending org hidden from others; contacts by role", async () => {
    const forSupplier = await caller(f.actors.otherSupplier).organization({ id: f.orgs.verified.id });
    expect(forSupplier.contact).toBeNull();
    expect(forSupplier.listings.map((l) => l.title).sort()).toEqual(["大流量排水泵A", "防汛沙袋"].sort());
    expect((await caller(f.actors.requester).organization({ id: f.orgs.verified.id })).contact?.phone).toBe(f.orgs.verified.contactPhone);
    await expect(caller(f.actors.requester).organization({ id: f.orgs.pending.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await caller(f.actors.pendingSupplier).organization({ id: f.orgs.pending.id });
    expect(own.listings).toEqual([]);
  });
});

describe("listingBrowse.clusters", () => {
  it("groups nearby listings and keeps far ones apart", async () => {
    const r = await caller(f.actors.requester).clusters({ bbox: "31.0,118.0,33.0,121.0", zoom: 7 });
    expect(r.total).toBe(5);
    expect(r.clusters.reduce((s, c) => s + c.count, 0)).toBe(5);
    const wuxi = r.clusters.find((c) => c.lng > 120);
    expect(wuxi).toMatchObject({ count: 1, listing: { id: f.listings.wuxi.id, title: "无锡排水泵" } });
    const nanjing = r.clusters.find((c) => c.lng < 119)!;
    expect(nanjing.count).toBe(4);
    expect(nanjing.listing).toBeNull();
    const zoomed = await caller(f.actors.requester).clusters({ bbox: "31.0,118.0,33.0,121.0", zoom: 16 });
    expect(zoomed.clusters.length).toBeGreaterThan(r.clusters.length);
  });
});
