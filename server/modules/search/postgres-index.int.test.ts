import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { SearchDocument, SearchViewer } from "@/server/modules/search/search-types";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { ZSearchRequest } from "@/lib/schemas/search";
import { MAX_TOTAL_HITS } from "@/server/modules/search/search-types";
import { expandTitlePrefixes, MAX_PREFIX_EXPANSION } from "@/server/modules/search/search-title-terms";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t?.cleanup();
});

const admin: SearchViewer = { admin: true, userId: null, orgIds: [], audiences: [] };

function doc(id: string, version: string, title: string): SearchDocument {
  return {
    kind: "resource", id, version, title, titleEn: null, text: "", textEn: "", personName: null, category: "EQUIPMENT",
    typeCode: "EQ-BOAT-1", regionCode: "320104", regionPath: ["320104", "320100", "320000"], available: true, verified: true,
    priceMode: "FREE", ownerOrgId: null, lat: 32.0, lng: 118.8,
    visibility: { public: true, orgIds: [], userIds: [], audiences: [] },
  };
}

const find = async (q: string) => (await postgresEngine(t.db).search(ZSearchRequest.parse({ q }), admin)).hits.map((h) => h.id);

describe("PostgreSQL search index writes", () => {
  it("keeps the newest version: an older upsert never overwrites a newer one", async () => {
    const e = postgresEngine(t.db);
    await e.upsert([doc("v1", "10", "冲锋舟 秦淮区")]);
    await e.upsert([doc("v1", "5", "挖掘机 秦淮区")]);
    expect(await find("冲锋舟")).toEqual(["v1"]);
    expect(await find("挖掘机")).toEqual([]);
    await e.upsert([doc("v1", "11", "挖掘机 秦淮区")]);
    expect(await find("挖掘机")).toEqual(["v1"]);
    expect(await e.versions("resource", null, 10)).toEqual([{ id: "v1", version: "11" }]);
  });

  it("a removal leaves a tombstone: a late, older upsert cannot bring the document back", async () => {
    const e = postgresEngine(t.db);
    await e.upsert([doc("v2", "20", "救生衣 200件")]);
    await e.remove([{ kind: "resource", id: "v2", version: "21" }]);
    expect(await find("救生衣")).toEqual([]);
    await e.upsert([doc("v2", "20", "救生衣 200件")]);
    expect(await find("救生衣")).toEqual([]);
    await e.upsert([doc("v2", "22", "救生衣 200件")]);
    expect(await find("救生衣")).toEqual(["v2"]);
  });

  it("does not remove a document newer than the removal", async () => {
    const e = postgresEngine(t.db);
    await e.upsert([doc("v3", "30", "发电机 50kW")]);
    await e.remove([{ kind: "resource", id: "v3", version: "29" }]);
    expect(await find("发电机")).toEqual(["v3"]);
  });
});

describe("PostgreSQL search: a typed prefix through the title vocabulary", () => {
  const expand = (prefixes: string[]) => expandTitlePrefixes(t.db, prefixes);

  it("records a document's title lexemes before it is searchable, and expands a prefix into exactly those", async () => {
    const e = postgresEngine(t.db);
    await e.upsert([{ ...doc("px-1", "1", "Dronebot 侦察无人机"), titleEn: "Dronebot scout drones" }, doc("px-2", "1", "Drone 巡检")]);
    const x = await expand(["ti:dron", "ti:py:zhencha", "ti:zzq"]);
    expect(x.get("ti:dron")).toEqual(["ti:drone", "ti:dronebot"]);
    // a Chinese title's pinyin is the whole title's
    expect(x.get("ti:py:zhencha")).toEqual(["ti:py:zhenchawurenji"]);
    expect(x.get("ti:zzq")).toEqual([]);
    // the same documents as the prefix itself, for a word being typed and a complete one
    expect((await find("dron")).sort()).toEqual(["px-1", "px-2"]);
    expect((await find("drone")).sort()).toEqual(["px-1", "px-2"]);
    expect(await find("dronebo")).toEqual(["px-1"]);
    expect(await find("zhencha")).toEqual(["px-1"]);
    expect(await find("zzq")).toEqual([]);
    await e.remove(["px-1", "px-2"].map((id) => ({ kind: "resource" as const, id, version: "2" })));
  });

  it("leaves a prefix with more lexemes than it may OR together as a prefix", async () => {
    // Pumpkinxa, Pumpkinxb, … (stems all distinct: pumpkinxe → pumpkinx)
    const titles = Array.from({ length: MAX_PREFIX_EXPANSION + 4 }, (_, i) => `Pumpkinx${String.fromCharCode(97 + i)} 物资`);
    await postgresEngine(t.db).upsert(titles.map((title, i) => doc(`pk-${i}`, "1", title)));
    expect((await expand(["ti:pumpkin"])).has("ti:pumpkin")).toBe(false);
    expect(await find("pumpkin")).toHaveLength(titles.length);
    await postgresEngine(t.db).remove(titles.map((_, i) => ({ kind: "resource" as const, id: `pk-${i}`, version: "2" })));
  });
});

describe("PostgreSQL search: the candidate cap", () => {
  it("ranks at most MAX_TOTAL_HITS matches, says the total is a lower bound, and puts title matches first", async () => {
    const e = postgresEngine(t.db);
    // 1,050 documents name 帐篷 only in their description, inserted before the one whose title holds it: a cap
    // taken in index order alone would miss it
    const body = Array.from({ length: MAX_TOTAL_HITS + 50 }, (_, i) => ({
      ...doc(`cap-${String(i).padStart(4, "0")}`, "1", `物资库存 ${i}`), text: "附带帐篷", category: "MATERIAL",
    }));
    for (let i = 0; i < body.length; i += 500) await e.upsert(body.slice(i, i + 500));
    await e.upsert([{ ...doc("cap-title", "1", "棉帐篷 单顶"), category: "MATERIAL" }]);
    const broad = await e.search(ZSearchRequest.parse({ q: "帐篷", limit: 5 }), admin);
    expect(broad.totalCapped).toBe(true);
    expect(broad.total).toBe(MAX_TOTAL_HITS);
    expect(broad.hits[0]?.id).toBe("cap-title");
    expect(broad.facets.category.MATERIAL).toBe(MAX_TOTAL_HITS);
    // below the cap the count is exact
    const narrow = await e.search(ZSearchRequest.parse({ q: "棉帐篷" }), admin);
    expect(narrow).toMatchObject({ total: 1, totalCapped: false });
    expect(narrow.hits.map((h) => h.id)).toEqual(["cap-title"]);
    await e.remove([...body, { id: "cap-title" }].map((d) => ({ kind: "resource" as const, id: d.id, version: "2" })));
  });
});

describe("PostgreSQL search: bulk load", () => {
  const indexes = async () =>
    (await t.db.$queryRaw<{ n: string }[]>`SELECT indexname::text AS n FROM pg_indexes WHERE tablename = 'search_document' ORDER BY 1`).map((r) => r.n);

  it("drops the GIN and GiST indexes for the load, builds them after, and ensureSettings repairs a dropped one", async () => {
    const e = postgresEngine(t.db);
    const during = await e.bulkLoad!(async () => {
      await e.upsert([doc("bulk-1", "1", "龙吸水 排涝车")]);
      return indexes();
    });
    expect(during).toEqual(["search_document_pkey"]);
    expect(await indexes()).toEqual(["search_document_pkey", "search_document_position_gist", "search_document_tsv_gin"]);
    expect(await find("龙吸水")).toEqual(["bulk-1"]);
    await t.db.$executeRawUnsafe(`DROP INDEX "search_document_tsv_gin"`);
    await e.ensureSettings();
    expect(await indexes()).toContain("search_document_tsv_gin");
  });
});
