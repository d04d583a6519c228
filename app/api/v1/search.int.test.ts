import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { indexAllDocuments } from "@/server/modules/search/index-all";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { createSessionForUser } from "@/server/auth/session-store";
import type { Actor } from "@/server/auth/actor-type";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { createIncident } from "@/server/modules/incidents/create-incident";
import { incidentInput, needInput, seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";
import { createNeed } from "@/server/modules/needs/create-need";
import { GET } from "@/app/api/v1/[...path]/route";
import { appRouter } from "@/server/api/root";
import { createRestHandler } from "@/server/api/rest-handler";
import { createCallerFactory } from "@/server/api/trpc";
import { RATE_LIMITS } from "@/server/modules/rate-limit/rate-limit-config";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";

/** REST v1 GET /search: parameters, validation errors naming the field, scopes, and what each caller may see. */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedIncidentFixtures>>;
const keys = { supplier: "", govA: "", govB: "", pending: "", noScope: "" };
let cookie = "";
const ids = { pump: "", hidden: "", need: "" };

const api = async (path: string, auth?: { key?: string; cookie?: string }) => {
  const headers: Record<string, string> = {};
  if (auth?.key) headers.authorization = `Bearer ${auth.key}`;
  if (auth?.cookie) headers.cookie = auth.cookie;
  const res = await GET(new Request(`http://localhost:3000/api/v1${path}`, { headers }));
  return { status: res.status, body: await res.json() };
};
const q = (s: string) => encodeURIComponent(s);
const hitIds = (body: { hits: { id: string }[] }) => body.hits.map((h) => h.id);

async function addKey(orgId: string, userId: string, scopes: string[]) {
  const k = generateApiKey();
  await t.db.apiKey.create({ data: { orgId, name: "search", prefix: k.prefix, hashedKey: k.hashedKey, createdById: userId, scopes } });
  return k.key;
}

beforeAll(async () => {
  t = await testDb();
  const db = t.db;
  f = await seedIncidentFixtures(db);
  const incidentId = (await createIncident(db, f.actors.memberA, { ...incidentInput })).id;
  ids.need = (await createNeed(db, f.actors.memberA, needInput(incidentId, f.types.pump, { title: "排涝泵车支援", notes: "秘密备注 13800000000" }))).id;
  const pending = await db.organization.create({
    data: { name: "待审核救援队", kind: "RESCUE_TEAM", regionCode: "320102", contactName: "x", contactPhone: "13911112222", address: "x", verification: "PENDING" },
    select: { id: true },
  });
  const listing = (title: string, ownerOrgId: string, typeId: string) =>
    db.resource.create({
      data: {
        typeId, ownerOrgId, title, unit: "台", lat: 32.05, lng: 118.79, address: "南京市玄武区某路 8 号", regionCode: "320102",
        travelRange: "CITY", maxTravelKm: 100, mobilizationMinutes: 30, status: "AVAILABLE",
      },
      select: { id: true },
    });
  ids.pump = (await listing("大流量排涝泵车", f.orgs.enterprise, f.types.pump)).id;
  ids.hidden = (await listing("未审核冲锋舟", pending.id, f.types.boat)).id;
  keys.supplier = await addKey(f.orgs.enterprise, f.actors.supplier.userId, ["search:read"]);
  keys.govA = await addKey(f.orgs.govA, f.actors.memberA.userId, ["search:read"]);
  keys.govB = await addKey(f.orgs.govB, f.actors.memberB.userId, ["search:read"]);
  keys.pending = await addKey(pending.id, f.actors.supplier.userId, ["search:read"]);
  keys.noScope = await addKey(f.orgs.enterprise, f.actors.supplier.userId, ["listings:read"]);
  const s = await createSessionForUser(db, f.actors.supplier.userId);
  cookie = `${s.cookieName}=${s.sessionToken}`;
  await indexAllDocuments(db, [postgresEngine(db)]);
});
afterAll(async () => {
  await t.cleanup();
});

describe("GET /api/v1/search", () => {
  it("401 without credentials; 403 naming the scope for a key without search:read", async () => {
    expect((await api(`/search?q=${q("泵")}`)).status).toBe(401);
    const res = await api(`/search?q=${q("泵")}`, { key: keys.noScope });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('"search:read"');
  });

  it("answers with the engine, hits, facets and cursor; Chinese text finds the listing", async () => {
    const res = await api(`/search?q=${q("排涝泵车")}&kind=resource`, { key: keys.supplier });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ engine: "postgres", relaxed: [] });
    expect(res.body.fellBack).toBeUndefined();
    expect(hitIds(res.body)).toEqual([ids.pump]);
    const hit = res.body.hits[0];
    expect(hit).toMatchObject({ kind: "resource", title: "大流量排涝泵车", titleEn: null });
    expect(hit.highlight.some((p: { match: boolean }) => p.match)).toBe(true);
    expect(hit.highlight.map((p: { text: string }) => p.text).join("")).toBe("大流量排涝泵车");
    expect(Object.keys(res.body.facets).sort()).toEqual(["available", "category", "priceMode", "region", "typeCode", "verified"]);
    expect(res.body.facets.category).toMatchObject({ EQUIPMENT: 1 });
    expect(res.body).toHaveProperty("nextCursor");
  });

  it("takes kind repeated, near/radiusKm, filters and limit", async () => {
    const both = await api(`/search?q=${q("泵")}&kind=resource&kind=need`, { key: keys.supplier });
    expect(both.status).toBe(200);
    expect(new Set(both.body.hits.map((h: { kind: string }) => h.kind))).toEqual(new Set(["resource", "need"]));
    const near = await api(`/search?q=${q("泵车")}&kind=resource&near=32.06,118.79&radiusKm=50`, { key: keys.supplier });
    expect(near.body.hits[0].distanceKm).toBeGreaterThan(0);
    expect(near.body.hits[0].distanceKm).toBeLessThan(3);
    const far = await api(`/search?q=${q("泵车")}&kind=resource&near=31.3,120.6&radiusKm=5`, { key: keys.supplier });
    expect(hitIds(far.body)).not.toContain(ids.pump);
    const typed = await api(`/search?q=${q("泵")}&typeCode=EQ-BOAT-1&kind=resource&limit=5`, { key: keys.supplier });
    expect(hitIds(typed.body)).not.toContain(ids.pump);
  });

  it("400 with each bad field named", async () => {
    const bad = async (query: string) => {
      const res = await api(`/search?${query}`, { key: keys.supplier });
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe("BAD_REQUEST");
      return Object.keys(res.body.fieldErrors ?? {}).map((k) => k.split(".")[0]);
    };
    expect(await bad("q=a&kind=rocket")).toContain("kind");
    expect(await bad("q=a&near=north")).toContain("near");
    expect(await bad("q=a&radiusKm=5")).toContain("radiusKm");
    expect(await bad("q=a&limit=500")).toContain("limit");
    expect(await bad("q=a&region=3201")).toContain("region");
    expect(await bad("q=a&available=maybe")).toContain("available");
    expect(await bad("q=a&category=ROBOT")).toContain("category");
  });

  it("never shows another organisation's private data", async () => {
    // an unverified organisation's listing: its own key finds it, nobody else's does
    expect(hitIds((await api(`/search?q=${q("冲锋舟")}&kind=resource`, { key: keys.pending })).body)).toContain(ids.hidden);
    for (const key of [keys.supplier, keys.govB]) {
      const res = await api(`/search?q=${q("冲锋舟")}&kind=resource`, { key });
      expect(hitIds(res.body)).not.toContain(ids.hidden);
    }
    // the open need: its organisation and suppliers see it, another government organisation does not
    expect(hitIds((await api(`/search?q=${q("排涝泵车支援")}&kind=need`, { key: keys.govA })).body)).toContain(ids.need);
    expect(hitIds((await api(`/search?q=${q("排涝泵车支援")}&kind=need`, { key: keys.supplier })).body)).toContain(ids.need);
    expect(hitIds((await api(`/search?q=${q("排涝泵车支援")}&kind=need`, { key: keys.govB })).body)).not.toContain(ids.need);
    // no private field in any answer
    for (const key of Object.values(keys).filter((k) => k !== keys.noScope)) {
      const text = JSON.stringify((await api(`/search?q=${q("排涝")}&limit=50`, { key })).body);
      for (const secret of ["13800000000", "秘密备注", "13911112222", "025-84000000", "某路"]) expect(text).not.toContain(secret);
    }
  });

  it("answers a signed-in session too", async () => {
    const res = await api(`/search?q=${q("排涝泵车")}&kind=resource`, { cookie });
    expect(res.status).toBe(200);
    expect(hitIds(res.body)).toEqual([ids.pump]);
  });

  it("is documented in OpenAPI with its parameters, answer and scope", async () => {
    const doc = await (await getOpenApiJson()).json();
    const op = doc.paths["/search"].get;
    const names = op.parameters.map((p: { name: string }) => p.name);
    for (const n of ["q", "kind", "category", "typeCode", "region", "near", "radiusKm", "available", "limit", "cursor"]) expect(names, n).toContain(n);
    expect(op.security).toEqual([{ [Object.keys(doc.components.securitySchemes)[0]!]: ["search:read"] }]);
    expect(JSON.stringify(op.responses["200"])).toContain("SearchResult");
    expect(doc.components.schemas.SearchResult.required).toEqual(expect.arrayContaining(["engine", "total", "hits", "facets", "nextCursor"]));
    expect(doc.tags.map((tag: { name: string }) => tag.name)).toContain("search");
  });

  it("has its own budget: over it, 429 with Retry-After", async () => {
    // a fresh window an hour ahead (earlier tests counted in the current one)
    const clock = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000 + 1000);
    const rest = createRestHandler({ db: t.db, limiter: { now: () => clock, budgets: { ...RATE_LIMITS, search: { limit: 2, windowSeconds: 60 } } } });
    const get = (path: string) => rest(new Request(`http://localhost:3000/api/v1${path}`, { headers: { authorization: `Bearer ${keys.govB}` } }));
    expect((await get(`/search?q=${q("泵")}`)).status).toBe(200);
    expect((await get(`/search?q=${q("泵")}`)).status).toBe(200);
    const refused = await get(`/search?q=${q("泵")}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).code).toBe("TOO_MANY_REQUESTS");
  });
});

describe("search.suggest (tRPC)", () => {
  it("groups a few hits per kind, only what the caller may see", async () => {
    const call = (actor: Actor) =>
      createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });
    const asSupplier = await call(f.actors.supplier).search.suggest({ q: "排涝泵车" });
    expect(asSupplier.engine).toBe("postgres");
    const kinds = asSupplier.groups.map((g) => g.kind);
    expect(kinds).toEqual(expect.arrayContaining(["resource", "need"]));
    expect(kinds).toEqual([...kinds].sort((a, b) => ["resource", "need", "organization", "type"].indexOf(a) - ["resource", "need", "organization", "type"].indexOf(b)));
    for (const g of asSupplier.groups) expect(g.hits.length).toBeGreaterThan(0);
    const asOtherGov = await call(f.actors.memberB).search.suggest({ q: "排涝泵车支援" });
    expect(asOtherGov.groups.find((g) => g.kind === "need")).toBeUndefined();
    await expect(call({ ...f.actors.supplier, roles: ["KNIGHT"] }).search.suggest({ q: "泵" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
