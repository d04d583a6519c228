import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { GET, POST } from "@/app/api/v1/[...path]/route";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";
import { incidentInput, seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";

/** REST v1 for government systems: create an incident, add a need, read both back, with an API key. */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedIncidentFixtures>>;
const keys = { govA: "", govB: "", pending: "", enterprise: "" };

const call = (method: "GET" | "POST", path: string, key: string, body?: unknown) => {
  const headers = new Headers({ authorization: `Bearer ${key}` });
  if (body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(`http://localhost:3000/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return method === "GET" ? GET(req) : POST(req);
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(res: Response): Promise<Record<string, any>> {
  const text = await res.text();
  expect(text).not.toMatch(/at .*\.ts:\d+/);
  return JSON.parse(text);
}

beforeAll(async () => {
  t = await testDb();
  f = await seedIncidentFixtures(t.db);
  const addKey = async (orgId: string, userId: string) => {
    const k = generateApiKey();
    await t.db.apiKey.create({ data: { orgId, name: "gov-system", prefix: k.prefix, hashedKey: k.hashedKey, createdById: userId, scopes: [...SCOPES_BY_ORG_KIND.GOVERNMENT] } });
    return k.key;
  };
  keys.govA = await addKey(f.orgs.govA, f.actors.memberA.userId);
  keys.govB = await addKey(f.orgs.govB, f.actors.memberB.userId);
  keys.pending = await addKey(f.orgs.govPending, f.actors.pending.userId);
  keys.enterprise = await addKey(f.orgs.enterprise, f.actors.supplier.userId);
});
afterAll(() => t.cleanup());

describe("REST v1 incidents", () => {
  it("creates an incident and a need, then reads both", async () => {
    const created = await call("POST", "/incidents", keys.govA, { ...incidentInput, title: "REST 内涝" });
    expect(created.status).toBe(200);
    const { id } = await json(created);

    const needRes = await call("POST", `/incidents/${id}/needs`, keys.govA, {
      typeId: f.types.pump,
      title: "排水泵",
      requiredCapabilities: { flow_m3h: 800 },
      quantity: 3,
      unit: "unit",
      stagingLat: 32.05,
      stagingLng: 118.79,
      stagingAddress: "南京市玄武区中山路1号",
      neededBy: new Date(Date.now() + 7_200_000).toISOString(),
      durationMinutes: 600,
      maxDistanceKm: 150,
    });
    expect(needRes.status).toBe(200);
    const need = await json(needRes);
    expect(need).toMatchObject({ incidentId: id, status: "OPEN", requested: 3, committed: 0, fillPct: 0, priority: "URGENT" });

    const got = await json(await call("GET", `/incidents/${id}`, keys.govA));
    expect(got.incident).toMatchObject({ id, title: "REST 内涝", status: "ACTIVE", needsOpen: 1, fill: { requested: 3 } });
    expect(got.needs.map((n: { id: string }) => n.id)).toEqual([need.id]);
    expect(got.timeline.map((e: { action: string }) => e.action)).toEqual(["need.create", "incident.create"]);

    const readNeed = await json(await call("GET", `/needs/${need.id}`, keys.govA));
    expect(readNeed).toMatchObject({ id: need.id, requiredCapabilities: { flow_m3h: 800 }, neededBy: expect.any(String) });

    const audit = await t.db.auditEvent.findFirst({ where: { entityId: id }, select: { data: true, orgId: true } });
    expect(audit).toMatchObject({ orgId: f.orgs.govA, data: { via: "apiKey" } });
  });

  it("bad need input comes back as 400 with field errors", async () => {
    const { id } = await json(await call("POST", "/incidents", keys.govA, incidentInput));
    const res = await call("POST", `/incidents/${id}/needs`, keys.govA, {
      typeId: f.types.pump,
      title: "排水泵",
      quantity: 0,
      unit: "unit",
      stagingLat: 60,
      stagingLng: 118.79,
      stagingAddress: "南京市",
      neededBy: "2020-01-01T00:00:00Z",
      durationMinutes: 600,
      maxDistanceKm: 150,
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(Object.keys(body.fieldErrors)).toEqual(expect.arrayContaining(["quantity", "stagingLat"]));
  });

  it("another government's key gets 404; unverified and non-government keys get 403", async () => {
    const { id } = await json(await call("POST", "/incidents", keys.govA, incidentInput));
    expect((await call("GET", `/incidents/${id}`, keys.govB)).status).toBe(404);
    const pending = await call("POST", "/incidents", keys.pending, incidentInput);
    expect(pending.status).toBe(403);
    expect((await json(pending)).message).toMatch(/awaiting verification/i);
    expect((await call("POST", "/incidents", keys.enterprise, incidentInput)).status).toBe(403);
    expect((await call("GET", `/incidents/${id}`, keys.enterprise)).status).toBe(404);
  });

  it("documents the operations in openapi.json", async () => {
    const doc = await json(await getOpenApiJson());
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/incidents", "/incidents/{id}", "/incidents/{incidentId}/needs", "/needs/{id}"]));
  });
});
