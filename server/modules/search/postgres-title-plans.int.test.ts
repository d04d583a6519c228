import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { SearchDocument, SearchViewer } from "@/server/modules/search/search-types";
import type { TSearchRequestInput } from "@/lib/schemas/search";
import { ZSearchRequest } from "@/lib/schemas/search";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { searchPostgresPlanned } from "@/server/modules/search/postgres-search";
import { headEstimate, type TitleEstimate } from "@/server/modules/search/postgres-search-plans";

/**
 * The shortcuts to the title candidates (postgres-search-plans.ts: rings near a point, the table's first rows
 * without one; title and filters tested on the row's title_tsv) against the index lookup on the same fixture: with
 * a small candidate cap both apply, and every answer — hits in order, distances, total, capped flag, facets, next
 * pages — must be the same, for an admin and for a viewer who may not see every document.
 */

let t: TestDatabase;
const admin: SearchViewer = { admin: true, userId: null, orgIds: [], audiences: [] };
const outsider: SearchViewer = { admin: false, userId: "walk-user", orgIds: ["walk-org-b"], audiences: [] };
const CAP = 12;
const HERE = { lat: 32.06, lng: 118.79 };

function doc(i: number, title: string): SearchDocument {
  // a spiral around HERE: distinct distances (no ties at the cap), up to ~40 km out
  const r = 0.004 * (i + 1) + 0.0001 * (i % 7);
  const a = i * 2.399;
  return {
    kind: "resource", id: `walk-${String(i).padStart(3, "0")}`, version: "1", title, titleEn: null, text: "", textEn: "",
    personName: null, category: i % 3 === 0 ? "EQUIPMENT" : "MATERIAL", typeCode: "EQ-BOAT-1", regionCode: "320104",
    regionPath: ["320104", "320100", "320000"], available: i % 4 !== 0, verified: i % 5 !== 0, priceMode: "FREE",
    ownerOrgId: i % 5 === 0 ? "walk-org-a" : null, lat: HERE.lat + r * Math.sin(a), lng: HERE.lng + r * Math.cos(a),
    visibility: { public: i % 5 !== 0, orgIds: i % 5 === 0 ? ["walk-org-a"] : [], userIds: [], audiences: [] },
  };
}

beforeAll(async () => {
  t = await testDb();
  const docs: SearchDocument[] = [];
  for (let i = 0; i < 120; i++) {
    // titles with the word (some also with a second word), body-only mentions, and unrelated documents
    if (i % 2 === 0) docs.push(doc(i, i % 6 === 0 ? `冲锋舟 橡皮艇 ${i}号` : `冲锋舟 ${i}号`));
    else if (i % 3 === 1) docs.push({ ...doc(i, `救生衣 ${i}件`), text: "可配冲锋舟" });
    else docs.push(doc(i, `发电机 ${i}kW`));
  }
  // title matches without a point: the text-first plan puts them last
  docs.push({ ...doc(200, "冲锋舟 无坐标"), lat: null, lng: null });
  // a word with a few matches near HERE and most of them ~190 km away (Suzhou): no ring up to 64 km holds the cap
  for (let i = 0; i < 20; i++) {
    const at = i < 4 ? { lat: HERE.lat + 0.01 * (i + 1), lng: HERE.lng } : { lat: 31.3 + 0.01 * i, lng: 120.62 - 0.005 * i };
    docs.push({ ...doc(300 + i, `龙吸水 ${i}号`), ...at });
  }
  await postgresEngine(t.db).upsert(docs);
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

/** A word in few documents: its rings take the coarse grid (postgres-search-plans ringPlan); none given, fine cells. */
const RARE_WORD: TitleEstimate = { matches: 10, docs: 1000 };

async function both(input: TSearchRequestInput, viewer: SearchViewer, estimate?: TitleEstimate) {
  const req = ZSearchRequest.parse({ relax: false, ...input });
  const rings = await searchPostgresPlanned(t.db, req, viewer, { plan: "shortcut", cap: CAP, estimate });
  const exact = await searchPostgresPlanned(t.db, req, viewer, { plan: "lookup", cap: CAP });
  return { rings, exact };
}

/** The shortcut (answering as `by`) and the index lookup give the same answer, and the same next pages. */
async function expectSameAnswers(input: TSearchRequestInput, viewer: SearchViewer, by: "rings" | "scan", estimate?: TitleEstimate) {
  const { rings: shortcut, exact: lookup } = await both(input, viewer, estimate);
  expect(shortcut.answeredBy).toBe(by);
  expect(lookup.answeredBy).toBe("lookup");
  expect(shortcut.result.hits.length).toBeGreaterThan(0);
  expect(shortcut.result).toEqual(lookup.result);
  let a = shortcut.result.nextCursor;
  let b = lookup.result.nextCursor;
  for (let page = 0; page < 3 && a; page++) {
    const req = ZSearchRequest.parse({ relax: false, ...input, cursor: a });
    const sa = await searchPostgresPlanned(t.db, req, viewer, { plan: "shortcut", cap: CAP, estimate });
    const lb = await searchPostgresPlanned(t.db, { ...req, cursor: b ?? undefined }, viewer, { plan: "lookup", cap: CAP });
    expect(sa.result).toEqual(lb.result);
    a = sa.result.nextCursor;
    b = lb.result.nextCursor;
  }
  return shortcut.result;
}

describe("PostgreSQL search near a point: reading rings equals the text-first plan", () => {
  const cases: Array<[string, TSearchRequestInput]> = [
    ["no radius", { q: "冲锋舟", near: HERE, limit: 5 }],
    ["a radius", { q: "冲锋舟", near: HERE, radiusKm: 30, limit: 5 }],
    ["a filter", { q: "冲锋舟", near: HERE, category: "MATERIAL", limit: 4 }],
    ["two words", { q: "冲锋舟 橡皮艇", near: HERE, limit: 3 }],
  ];

  it.each(cases)("%s: same hits, order, distances, total and facets, with a ring answering", async (_, input) => {
    for (const viewer of [admin, outsider]) await expectSameAnswers(input, viewer, "rings");
  });

  it.each(cases)("%s: the same with the coarse grid's rings (a rarer word's plan)", async (_, input) => {
    for (const viewer of [admin, outsider]) await expectSameAnswers(input, viewer, "rings", RARE_WORD);
  });

  it("the coarse grid falls back to the text-first plan too when no ring holds more than the cap", async () => {
    const { rings, exact } = await both({ q: "龙吸水", near: HERE, limit: 20 }, admin, RARE_WORD);
    expect(rings.answeredBy).toBe("lookup");
    expect(rings.result).toEqual(exact.result);
  });

  it("the outsider never gets the documents only walk-org-a may see, on either plan", async () => {
    const { rings } = await both({ q: "冲锋舟", near: HERE, limit: 50 }, outsider);
    expect(rings.answeredBy).toBe("rings");
    expect(rings.result.hits.some((h) => Number(h.id.slice(5)) % 5 === 0)).toBe(false);
  });

  it("with a radius, the radius is the last ring and answers even when it holds no more than the cap", async () => {
    const { rings, exact } = await both({ q: "冲锋舟", near: HERE, radiusKm: 4, limit: 50 }, admin);
    expect(rings.answeredBy).toBe("rings");
    expect(rings.result.total).toBeGreaterThan(0);
    expect(rings.result.total).toBeLessThanOrEqual(CAP);
    expect(rings.result).toEqual(exact.result);
  });

  it("falls back to the text-first plan when no ring up to 64 km holds more than the cap", async () => {
    for (const viewer of [admin, outsider]) {
      const { rings, exact } = await both({ q: "龙吸水", near: HERE, limit: 20 }, viewer);
      expect(rings.answeredBy).toBe("lookup");
      expect(rings.result.totalCapped).toBe(true); // more matches than the cap, but not within 64 km
      expect(rings.result.hits.slice(0, 3).every((h) => (h.distanceKm ?? Infinity) < 64)).toBe(true);
      expect(rings.result).toEqual(exact.result);
    }
  });

  it("a wide radius (beyond the widest ring) answers through a ring when one holds the cap, else text first", async () => {
    await expectSameAnswers({ q: "冲锋舟", near: HERE, radiusKm: 300, limit: 5 }, admin, "rings");
    const { rings, exact } = await both({ q: "龙吸水", near: HERE, radiusKm: 300, limit: 20 }, admin);
    expect(rings.answeredBy).toBe("lookup");
    expect(rings.result).toEqual(exact.result);
  });

  it("auto, with the cap above every match: the text-first plan answers, with the same result", async () => {
    const req = ZSearchRequest.parse({ q: "冲锋舟 橡皮艇", near: HERE, relax: false });
    const auto = await searchPostgresPlanned(t.db, req, admin, { cap: 1000 });
    const exact = await searchPostgresPlanned(t.db, req, admin, { plan: "lookup", cap: 1000 });
    expect(auto.answeredBy).toBe("lookup");
    expect(auto.result).toEqual(exact.result);
  });
});

describe("PostgreSQL search without a point: the table's first rows equal the index lookup", () => {
  const cases: Array<[string, TSearchRequestInput]> = [
    ["one word", { q: "冲锋舟", limit: 5 }],
    ["a filter", { q: "冲锋舟", category: "MATERIAL", limit: 4 }],
    ["two words", { q: "冲锋舟 橡皮艇", limit: 3 }],
    ["a word also in bodies", { q: "冲锋舟 号", limit: 6 }],
  ];

  it.each(cases)("%s: same hits, order, total and facets, with the first rows answering", async (_, input) => {
    for (const viewer of [admin, outsider]) expect((await expectSameAnswers(input, viewer, "scan")).totalCapped).toBe(true);
  });

  it("hands over to the index lookup when the first rows hold no more than the cap", async () => {
    const req = ZSearchRequest.parse({ q: "冲锋舟 橡皮艇", relax: false });
    const scan = await searchPostgresPlanned(t.db, req, admin, { plan: "shortcut", cap: 1000 });
    const lookup = await searchPostgresPlanned(t.db, req, admin, { plan: "lookup", cap: 1000 });
    expect(scan.answeredBy).toBe("lookup");
    expect(scan.result.total).toBeGreaterThan(0);
    expect(scan.result.totalCapped).toBe(false);
    expect(scan.result).toEqual(lookup.result);
  });

  it("estimates words that go together from the table's head: every title holding both, not their product", async () => {
    const q = "'ti:冲锋舟' & 'ti:橡皮艇'";
    const [real] = await t.db.$queryRawUnsafe<{ n: number; docs: number }[]>(
      `SELECT count(*) FILTER (WHERE tsv @@ $1::tsquery)::int AS n, count(*)::int AS docs FROM search_document`, q);
    expect(real!.n).toBe(20); // the fixture: every sixth of the first 120 documents
    // the fixture is smaller than the sample, so the head is the whole table and the estimate is the count
    expect(await headEstimate(t.db, q, real!.docs)).toEqual({ matches: 20, docs: real!.docs });
    expect((await headEstimate(t.db, "'ti:冲锋舟' & 'ti:发电机'", 500)).matches).toBe(1); // none: at least 1
  });

  it("a word no title holds ranks the titles with its synonyms first, found in the first rows as by the lookup", async () => {
    for (const viewer of [admin, outsider]) {
      // dinghy: no title; 冲锋舟 and 橡皮艇 (its synonyms) are in 100 titles, and 冲锋舟 in bodies (救生衣 … 可配冲锋舟)
      const { rings: scan, exact } = await both({ q: "dinghy", limit: CAP }, viewer);
      expect(scan.result).toEqual(exact.result);
      expect(scan.result.totalCapped).toBe(true);
      // the candidates are those titles, not the first documents naming a synonym anywhere
      expect(scan.result.hits).toHaveLength(CAP);
      expect(scan.result.hits.every((h) => /冲锋舟|橡皮艇/.test(h.title))).toBe(true);
    }
  });

  it("the outsider never gets the documents only walk-org-a may see through the first rows", async () => {
    const { rings: scan } = await both({ q: "冲锋舟", limit: 50 }, outsider);
    expect(scan.answeredBy).toBe("scan");
    expect(scan.result.hits.length).toBeGreaterThan(0);
    expect(scan.result.hits.some((h) => Number(h.id.slice(5)) % 5 === 0)).toBe(false);
  });
});
