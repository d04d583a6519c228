import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { SearchDocument, SearchViewer } from "@/server/modules/search/search-types";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { meiliEngine } from "@/server/modules/search/meili-engine";
import { searchExchange } from "@/server/modules/search/search-exchange";
import { readSyncLag, recordSyncLag } from "@/server/modules/search/search-sync-state";

/**
 * Engine choice: Meilisearch only while the sync worker reports it current; otherwise PostgreSQL answers and the
 * response says why. "Unreachable" is a real client against a port nothing listens on (no server is faked).
 */

let t: TestDatabase;
const viewer: SearchViewer = { admin: false, userId: null, orgIds: [], audiences: [] };
const unreachable = meiliEngine({ host: "http://127.0.0.1:9", indexUid: "muster_unreachable" });

const doc: SearchDocument = {
  kind: "resource", id: "x1", version: "1", title: "冲锋舟（1型） · 秦淮区", titleEn: "Assault boat", text: "", textEn: "", personName: null,
  category: "EQUIPMENT", typeCode: "EQ-BOAT-1", regionCode: "320104", regionPath: ["320104", "320100", "320000"], available: true,
  verified: true, priceMode: "FREE", ownerOrgId: null, lat: 32.02, lng: 118.79, visibility: { public: true, orgIds: [], userIds: [], audiences: [] },
};

beforeAll(async () => {
  t = await testDb();
  // x2 is an unverified owner's listing: private by its columns, as the document builders make it (publicByColumns).
  await postgresEngine(t.db).upsert([doc, { ...doc, id: "x2", verified: false, visibility: { ...doc.visibility, public: false } }]);
});
afterAll(async () => {
  await t?.cleanup();
});

describe("searchExchange engine choice", () => {
  it("answers from PostgreSQL with no fallback note when Meilisearch is not configured", async () => {
    const res = await searchExchange(t.db, viewer, { q: "冲锋舟" }, { meili: null });
    expect(res).toMatchObject({ engine: "postgres", total: 1 });
    expect(res.fellBack).toBeUndefined();
    expect(res.hits.map((h) => h.id)).toEqual(["x1"]);
  });

  it("falls back when the lag is unknown, too high, or its report is stale, and says which", async () => {
    expect((await searchExchange(t.db, viewer, { q: "冲锋舟" }, { meili: unreachable })).fellBack).toBe("meili-lag-unknown");
    await recordSyncLag(t.db, "meilisearch", 60_000);
    expect(await readSyncLag(t.db, "meilisearch")).toMatchObject({ lagMs: 60_000 });
    const lagging = await searchExchange(t.db, viewer, { q: "冲锋舟" }, { meili: unreachable });
    expect(lagging).toMatchObject({ engine: "postgres", fellBack: "meili-lagging", total: 1 });
    await recordSyncLag(t.db, "meilisearch", 10);
    const later = new Date(Date.now() + 10 * 60_000);
    expect((await searchExchange(t.db, viewer, { q: "冲锋舟" }, { meili: unreachable, now: later })).fellBack).toBe("meili-lag-unknown");
  });

  it("falls back when a current Meilisearch cannot be reached", async () => {
    await recordSyncLag(t.db, "meilisearch", 10);
    const res = await searchExchange(t.db, viewer, { q: "冲锋舟" }, { meili: unreachable });
    expect(res).toMatchObject({ engine: "postgres", fellBack: "meili-unreachable", total: 1 });
  });
});
