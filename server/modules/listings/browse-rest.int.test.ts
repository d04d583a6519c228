import { afterAll, beforeAll, describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { GET } from "@/app/api/v1/[...path]/route";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";
import { seedBrowseFixture, type BrowseFixture } from "@/server/modules/listings/browse-test-fixtures";
import { haversineM } from "@/server/modules/listings/browse-filter";
import { searchListings } from "@/server/modules/listings/browse-search";

let t: TestDatabase;
let f: BrowseFixture;
let key = "";
let govKey = "";
const ORIGIN = { lat: 32.06, lng: 118.79 };

const api = (path: string, k?: string) =>
  GET(new Request(`http://localhost:3000/api/v1${path}`, { headers: k ? { authorization: `Bearer ${k}` } : {} }));

async function addKey(orgId: string) {
  const k = generateApiKey();
  await t.db.apiKey.create({ data: { orgId, name: "browse", prefix: k.prefix, hashedKey: k.hashedKey, createdById: f.actors.supplier.userId, scopes: ["catalogue:read", "listings:read"] } });
  return k.key;
}

beforeAll(async () => {
  t = await testDb();
  f = await seedBrowseFixture(t.db);
  key = await addKey(f.orgs.other.id);
  govKey = await addKey(f.orgs.gov.id);
  // A few hundred listings scattered over Jiangsu for the KNN check.
  const rng = seedrandom("knn");
  await t.db.resource.createMany({
    data: Array.from({ length: 300 }, (_, i) => ({
      typeId: f.types.pump.id, ownerOrgId: f.orgs.other.id, title: `KNN-${i}`, unit: "台", address: "江苏", regionCode: "320200",
      lat: 30.8 + rng() * 4, lng: 116.4 + rng() * 5, travelRange: "PROVINCE" as const, maxTravelKm: 100, mobilizationMinutes: 30, status: "AVAILABLE" as const,
    })),
  });
});
afterAll(async () => t.cleanup());

describe("GET /api/v1/listings", () => {
  it("401 without an API key", async () => {
    expect((await api("/listings")).status).toBe(401);
    expect((await api(`/listings/${f.listings.pump.id}`)).status).toBe(401);
  });

  it("lists with filters and bbox, paginated, without drafts or unverified listings", async () => {
    const res = await api("/listings?category=EQUIPMENT&regionCode=320100&limit=2", key);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items).toHaveLength(2);
    expect(body.nextCursor).toBeTruthy();
    const rest = await (await api(`/listings?category=EQUIPMENT&regionCode=320100&limit=2&cursor=${body.nextCursor}`, key)).json();
    const titles = [...body.items, ...rest.items].map((i: { title: string }) => i.title).sort();
    expect(titles).toEqual(["大流量排水泵A", "水文专家", "维修中泵"].sort());
    const boxed = await (await api("/listings?bbox=31.4,120.2,31.6,120.4&q=%E6%97%A0%E9%94%A1", key)).json();
    expect(boxed.items.map((i: { title: string }) => i.title)).toEqual(["无锡排水泵"]);
    const all = await (await api("/listings?limit=100&verifiedOnly=false", key)).json();
    const seen = JSON.stringify(all);
    for (const hidden of ["草稿泵", "退役泵", "未审核泵"]) expect(seen).not.toContain(hidden);
  });

  it("400 on a malformed bbox or limit", async () => {
    expect((await api("/listings?bbox=1,2,3", key)).status).toBe(400);
    expect((await api("/listings?limit=500", key)).status).toBe(400);
  });

  it("gets one listing; contacts only for a government key; 404 for a draft", async () => {
    const asSupplier = await (await api(`/listings/${f.listings.pump.id}`, key)).json();
    expect(asSupplier).toMatchObject({ id: f.listings.pump.id, contact: null, quantityAvailable: 3 });
    const asGov = await (await api(`/listings/${f.listings.pump.id}`, govKey)).json();
    expect(asGov.contact.phone).toBe(f.orgs.verified.contactPhone);
    expect((await api(`/listings/${f.listings.draft.id}`, key)).status).toBe(404);
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = await (await getOpenApiJson()).json();
    expect(doc.paths["/listings"].get).toBeTruthy();
    expect(doc.paths["/listings/{id}"].get).toBeTruthy();
    const params = doc.paths["/listings"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["category", "regionCode", "bbox", "near", "cursor", "limit"]));
  });
});

describe("near: KNN order", () => {
  it("matches a haversine brute force over all visible rows", async () => {
    const near = `${ORIGIN.lat},${ORIGIN.lng}`;
    const got: { id: string; distanceM: number | null; lat: number; lng: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchListings(t.db, f.actors.requester, { near, limit: 100, cursor });
      got.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const everything = await searchListings(t.db, f.actors.requester, { limit: 100 });
    expect(got.length).toBe(305);
    const brute = got.map((r) => haversineM(ORIGIN.lat, ORIGIN.lng, r.lat, r.lng));
    for (let i = 1; i < brute.length; i++) expect(brute[i]).toBeGreaterThanOrEqual(brute[i - 1] - 1);
    // earthdistance's sphere has radius 6378.168 km, haversineM 6371.0 km: distances agree within 0.2 %.
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i].distanceM! - brute[i])).toBeLessThan(brute[i] * 0.002 + 2);
    const sorted = [...got].sort((a, b) => haversineM(ORIGIN.lat, ORIGIN.lng, a.lat, a.lng) - haversineM(ORIGIN.lat, ORIGIN.lng, b.lat, b.lng));
    expect(got.slice(0, 20).map((r) => r.id)).toEqual(sorted.slice(0, 20).map((r) => r.id));
    expect(everything.items.length).toBe(100);
  });
});
