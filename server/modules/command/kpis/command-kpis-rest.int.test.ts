import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { GET } from "@/app/api/v1/[...path]/route";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";
import { seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";

/** REST v1 KPI figures: a government key for its own region (and below) only; suppliers and other regions 403. */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
const keys = { govA: "", govWuxi: "", supplier: "", supplierForged: "", govNoScope: "" };
const from = new Date(Date.now() - 86_400_000).toISOString();
const to = new Date(Date.now() + 3_600_000).toISOString(); // room for a slow beforeAll: its needs must fall inside

const get = (path: string, key: string) => GET(new Request(`http://localhost:3000/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } }));
const kpis = (region: string, key: string) => get(`/command/regions/${region}/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, key);

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
  await t.db.organization.update({ where: { id: f.orgs.govB }, data: { regionCode: "320200" } });
  const addKey = async (orgId: string, userId: string, scopes: readonly string[]) => {
    const k = generateApiKey();
    await t.db.apiKey.create({ data: { orgId, name: "command", prefix: k.prefix, hashedKey: k.hashedKey, createdById: userId, scopes: [...scopes] } });
    return k.key;
  };
  keys.govA = await addKey(f.orgs.govA, f.actors.memberA.userId, SCOPES_BY_ORG_KIND.GOVERNMENT);
  keys.govWuxi = await addKey(f.orgs.govB, f.actors.memberB.userId, SCOPES_BY_ORG_KIND.GOVERNMENT);
  keys.govNoScope = await addKey(f.orgs.govA, f.actors.memberA.userId, ["incidents:read"]);
  keys.supplier = await addKey(f.orgs.enterprise, f.actors.supplier.userId, SCOPES_BY_ORG_KIND.ENTERPRISE);
  // Even a supplier key that somehow holds the scope is refused: the access rule wants a government organisation.
  keys.supplierForged = await addKey(f.orgs.enterprise, f.actors.supplier.userId, ["command:read"]);
  await t.db.need.create({
    data: {
      incidentId: f.incidentId, typeId: f.types.pump, category: "EQUIPMENT", title: "排水泵", quantity: 3, unit: "unit", stagingLat: 32.05, stagingLng: 118.79,
      stagingAddress: "南京", neededBy: new Date(Date.now() + 3_600_000), durationMinutes: 240, maxDistanceKm: 100, status: "OPEN", createdById: f.actors.dispatcherA.userId,
    },
  });
});
afterAll(() => t.cleanup());

describe("REST v1 GET /command/regions/{regionCode}/kpis", () => {
  it("a government key reads its own region's figures", async () => {
    const res = await kpis("320102", keys.govA);
    expect(res.status).toBe(200);
    expect(res.headers.get("RateLimit-Policy")).toBe("30;w=10");
    const body = await res.json();
    expect(body.regionCode).toBe("320102");
    expect(body.openNeeds.find((p: { priority: string }) => p.priority === "URGENT")).toMatchObject({ posted: 1, open: 1, quantity: 3, filled: 0, fillRate: 0 });
    expect(body.responseTimes).toHaveLength(5);
  });

  it("403 for a supplier's key (no scope), a supplier key holding the scope, a key without it, and another region's government key", async () => {
    for (const key of [keys.supplier, keys.supplierForged, keys.govNoScope, keys.govWuxi]) {
      const res = await kpis("320102", key);
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe("FORBIDDEN");
    }
    expect((await kpis("320200", keys.govWuxi)).status).toBe(200);
    expect((await (await kpis("320102", keys.supplier)).json()).message).toContain('lacks the scope "command:read"');
  });

  it("400 for a reversed range; documented with its scope and tag", async () => {
    const res = await get(`/command/regions/320102/kpis?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`, keys.govA);
    expect(res.status).toBe(400);
    const doc = await (await getOpenApiJson()).json();
    const op = doc.paths["/command/regions/{regionCode}/kpis"].get;
    expect(op.security).toEqual([{ [Object.keys(doc.components.securitySchemes)[0]!]: ["command:read"] }]);
    expect(op.tags).toEqual(["command"]);
    expect(doc.tags.find((x: { name: string }) => x.name === "command").description).toMatch(/Command-centre figures/);
  });
});
