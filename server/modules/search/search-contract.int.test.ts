import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { env } from "@/lib/env";
import type { TSearchRequestInput } from "@/lib/schemas/search";
import type { SearchDocument, SearchEngine, SearchEngineName, SearchViewer } from "@/server/modules/search/search-types";
import { searchExchange } from "@/server/modules/search/search-exchange";
import { recordSyncLag } from "@/server/modules/search/search-sync-state";
import { loadSearchDocuments } from "@/server/modules/search/load-search-documents";
import { configuredTestEngines, seedDemo, type TestEngine } from "@/server/modules/search/search-test-fixtures";
import { RELEVANCE_TABLE, isRelevant, relevanceFigures, type CaseResult, type ListingTruth } from "@/server/modules/search/search-relevance-table";

/**
 * One contract, every configured engine: PostgreSQL always, Meilisearch when MEILI_HOST is set (otherwise the
 * suite says plainly that half did not run). Over the demo seed: the relevance table (recall@10, MRR, zero-result
 * rate printed), filters and facets, geo radius against a brute force, keyset pages, highlights, relaxation and
 * versioned writes.
 */

const ENGINES: SearchEngineName[] = env.MEILI_HOST ? ["postgres", "meilisearch"] : ["postgres"];
const admin: SearchViewer = { admin: true, userId: null, orgIds: [], audiences: [] };

let t: TestDatabase;
let engines: TestEngine[] = [];
const truth = new Map<string, ListingTruth>();

beforeAll(async () => {
  t = await testDb();
  await seedDemo(t.db, t.url);
  const rows = await t.db.resource.findMany({ select: { id: true, title: true, regionCode: true, type: { select: { code: true } } } });
  for (const r of rows) truth.set(r.id, { typeCode: r.type.code, title: r.title, regionCode: r.regionCode });
  engines = await configuredTestEngines(t.db, "contract");
  await recordSyncLag(t.db, "meilisearch", 0);
}, 300_000);

afterAll(async () => {
  for (const e of engines) await e.cleanup();
  await t?.cleanup();
});

function engineOf(name: SearchEngineName): SearchEngine {
  const e = engines.find((x) => x.engine.name === name);
  if (!e) throw new Error(`engine ${name} not configured`);
  return e.engine;
}

async function search(name: SearchEngineName, input: TSearchRequestInput, viewer: SearchViewer = admin) {
  const res = await searchExchange(t.db, viewer, input, { meili: name === "meilisearch" ? engineOf(name) : null });
  expect(res.engine).toBe(name);
  expect(res.fellBack).toBeUndefined();
  return res;
}

function haversineKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((bLat - aLat) * rad) / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(((bLng - aLng) * rad) / 2) ** 2;
  return 2 * 6378.168 * Math.asin(Math.min(1, Math.sqrt(h)));
}

describe.each(ENGINES)("search contract on %s", (name) => {
  it("meets the relevance table (≥ 40 queries): recall@10, MRR, zero-result rate", async () => {
    const results: CaseResult[] = [];
    for (const c of RELEVANCE_TABLE) {
      const res = await search(name, { q: c.q, kinds: ["resource"], limit: 10, relax: false });
      const ranks = res.hits.map((h, i) => (isRelevant(c, truth.get(h.id)) ? i + 1 : 0)).filter((r) => r > 0);
      const relevantInData = [...truth.values()].filter((l) => isRelevant(c, l)).length;
      results.push({ q: c.q, total: res.total, relevantInTop10: ranks.length, expectedInTop10: Math.min(10, relevantInData), firstRelevantRank: ranks[0] ?? null });
    }
    const f = relevanceFigures(results);
    console.table(results.map((r) => ({ q: r.q, total: r.total, "relevant@10": `${r.relevantInTop10}/${r.expectedInTop10}`, firstRank: r.firstRelevantRank })));
    console.log(`[search relevance ${name}] queries=${f.queries} recall@10=${f.recallAt10.toFixed(3)} MRR=${f.mrr.toFixed(3)} zero-result rate=${f.zeroResultRate.toFixed(3)} misses=${JSON.stringify(f.misses)}`);
    expect(RELEVANCE_TABLE.length).toBeGreaterThanOrEqual(40);
    expect(f.misses).toEqual([]);
    expect(f.zeroResultRate).toBe(0);
    expect(f.recallAt10).toBeGreaterThanOrEqual(0.9);
    expect(f.mrr).toBeGreaterThanOrEqual(0.9);
  });

  it("filters by kind, category and region, and its facets count the matched set", async () => {
    const res = await search(name, { q: "泵", kinds: ["resource"], region: "320100", category: "EQUIPMENT", limit: 50 });
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) {
      expect(h.kind).toBe("resource");
      expect(truth.get(h.id)!.regionCode.startsWith("3201")).toBe(true);
      expect(truth.get(h.id)!.typeCode.startsWith("EQ-")).toBe(true);
    }
    expect(res.facets.category).toEqual({ EQUIPMENT: res.total });
    const byRegion = Object.entries(res.facets.region);
    expect(byRegion.every(([code]) => code.startsWith("3201"))).toBe(true);
    expect(byRegion.reduce((s, [, n]) => s + n, 0)).toBe(res.total);
    const needs = await search(name, { q: "", kinds: ["need"], limit: 50 });
    expect(needs.total).toBeGreaterThan(0);
    expect(needs.hits.every((h) => h.kind === "need")).toBe(true);
  });

  it("keeps a geo radius exactly (brute force over the indexed listings) and reports distances", async () => {
    const near = { lat: 32.04, lng: 118.79 };
    const res = await search(name, { q: "", kinds: ["resource"], near, radiusKm: 3, limit: 50 });
    const indexed = await t.db.resource.findMany({ where: { status: { in: ["AVAILABLE", "OUT_OF_SERVICE"] } }, select: { lat: true, lng: true } });
    const inside = indexed.filter((r) => haversineKm(near.lat, near.lng, r.lat, r.lng) <= 3 - 0.01).length;
    const edge = indexed.filter((r) => Math.abs(haversineKm(near.lat, near.lng, r.lat, r.lng) - 3) < 0.01).length;
    expect(res.total).toBeGreaterThanOrEqual(inside);
    expect(res.total).toBeLessThanOrEqual(inside + edge);
    for (const h of res.hits) expect(h.distanceKm!).toBeLessThanOrEqual(3.01);
  });

  it("pages with a cursor: every hit once, in a stable order", async () => {
    const first = await search(name, { q: "冲锋舟", kinds: ["resource"], limit: 50 });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await search(name, { q: "冲锋舟", kinds: ["resource"], limit: 7, cursor });
      seen.push(...page.hits.map((h) => h.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(first.total);
    expect(seen.slice(0, first.hits.length)).toEqual(first.hits.map((h) => h.id));
  });

  it("marks the matched words in the title", async () => {
    const res = await search(name, { q: "冲锋舟", kinds: ["resource"], limit: 3 });
    expect(res.hits[0]!.highlight.filter((p) => p.match).map((p) => p.text)).toContain("冲锋舟");
    expect(res.hits[0]!.highlight.map((p) => p.text).join("")).toBe(res.hits[0]!.title);
  });

  it("never leaves a dead end: drops the least important word, then widens the region", async () => {
    const dropped = await search(name, { q: "冲锋舟 火星基地", kinds: ["resource"] });
    expect(dropped.relaxed.length).toBeGreaterThan(0);
    expect(dropped.relaxed.every((s) => s.kind === "dropWord")).toBe(true);
    expect(dropped.total).toBeGreaterThan(0);
    expect(dropped.applied.q).toBe("冲锋舟");
    // a Nanjing district without a field kitchen: widened to Nanjing (and further if needed)
    const districts = await t.db.region.findMany({ where: { parentCode: "320100" }, select: { code: true } });
    const kitchens = [...truth.values()].filter((l) => l.typeCode === "EQ-KITCHEN-1");
    const empty = districts.find((d) => !kitchens.some((k) => k.regionCode === d.code));
    expect(empty).toBeDefined();
    const widened = await search(name, { q: "炊事车", kinds: ["resource"], region: empty!.code });
    expect(widened.relaxed[0]).toEqual({ kind: "widenRegion", from: empty!.code, to: "320100" });
    expect(widened.total).toBeGreaterThan(0);
    const none = await search(name, { q: "炊事车", kinds: ["resource"], region: empty!.code, relax: false });
    expect(none.total).toBe(0);
    expect(none.relaxed).toEqual([]);
  });

  it("reads pinyin only for Latin queries: 景点 never finds 经典, jingdian and jd do", async () => {
    const org = await t.db.organization.upsert({
      where: { unifiedSocialCreditCode: "91320100JINGDIAN01" },
      create: {
        name: "经典应急装备有限公司", kind: "ENTERPRISE", verification: "VERIFIED", regionCode: "320104", contactName: "甲",
        contactPhone: "13900009999", address: "南京", unifiedSocialCreditCode: "91320100JINGDIAN01",
      },
      update: {},
      select: { id: true },
    });
    await engineOf(name).upsert(await loadSearchDocuments(t.db, "organization", [org.id]));
    const ids = async (q: string) => (await search(name, { q, kinds: ["organization"], relax: false })).hits.map((h) => h.id);
    expect(await ids("经典")).toContain(org.id);
    expect(await ids("景点")).not.toContain(org.id);
    expect(await ids("jingdian")).toContain(org.id);
    expect(await ids("jd")).toContain(org.id);
  });

  it("keeps the newest version: an older write never overwrites a newer one, a removal is not undone by a late write", async () => {
    const engine = engineOf(name);
    const [doc] = await loadSearchDocuments(t.db, "type", [(await t.db.resourceType.findFirstOrThrow({ where: { code: "EQ-BOAT-1" } })).id]);
    const d: SearchDocument = { ...doc!, id: `contract-${name}`, title: "测试版本甲", titleEn: null, text: "", textEn: "" };
    const find = async (q: string) => (await search(name, { q, kinds: ["type"], relax: false })).hits.map((h) => h.id);
    await engine.upsert([{ ...d, version: "100" }]);
    await engine.upsert([{ ...d, version: "99", title: "测试版本乙" }]);
    expect(await find("测试版本甲")).toEqual([d.id]);
    expect(await find("测试版本乙")).toEqual([]);
    await engine.remove([{ kind: "type", id: d.id, version: "101" }]);
    await engine.upsert([{ ...d, version: "100" }]);
    expect(await find("测试版本甲")).toEqual([]);
    const versions = await engine.versions("type", null, 500);
    expect(versions.some((v) => v.id === d.id)).toBe(false);
  });
});
