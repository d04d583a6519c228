import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import type { Actor } from "@/server/auth/actor-type";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { createIncident } from "@/server/modules/incidents/create-incident";
import { incidentInput, needInput, seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";
import { createNeed } from "@/server/modules/needs/create-need";
import { POST } from "@/app/api/v1/[...path]/route";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";

/** match.candidates through tRPC and REST POST /needs/{id}/match: ranking, explanations, scoping. */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedIncidentFixtures>>;
let needId = "";
const keys = { own: "", other: "" };
const call = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });

beforeAll(async () => {
  t = await testDb();
  const db = t.db;
  f = await seedIncidentFixtures(db);
  const incidentId = (await createIncident(db, f.actors.memberA, { ...incidentInput })).id;
  needId = (await createNeed(db, f.actors.memberA, needInput(incidentId, f.types.pump, { requiredCapabilities: { flow_m3h: 500 }, quantity: 3 }))).id;
  const unverified = await db.organization.create({
    data: { name: "待审核公司", kind: "ENTERPRISE", regionCode: "320102", contactName: "x", contactPhone: "1", address: "x", verification: "PENDING" },
    select: { id: true },
  });
  const pump = (title: string, lat: number, flow: number, ownerOrgId = f.orgs.enterprise, titleEn: string | null = null) =>
    db.resource.create({
      data: {
        typeId: f.types.pump, ownerOrgId, title, titleEn, capabilities: { flow_m3h: flow }, unit: "unit", lat, lng: 118.79, address: "x",
        regionCode: "320102", travelRange: "CITY", maxTravelKm: 200, mobilizationMinutes: 10, status: "AVAILABLE", completedCount: 9, offeredCount: 10,
      },
    });
  await db.organization.update({ where: { id: f.orgs.enterprise }, data: { nameEn: "Su'an Emergency Equipment" } });
  await pump("近处泵 600", 32.1, 600, f.orgs.enterprise, "Near pump, 600 m³/h");
  await pump("远处泵 800", 32.3, 800);
  await pump("小泵 300", 32.06, 300); // below the minimum
  await pump("未审核泵", 32.06, 900, unverified.id);
  const addKey = async (orgId: string, userId: string) => {
    const k = generateApiKey();
    await db.apiKey.create({ data: { orgId, name: "k", prefix: k.prefix, hashedKey: k.hashedKey, createdById: userId, scopes: [...SCOPES_BY_ORG_KIND.GOVERNMENT] } });
    return k.key;
  };
  keys.own = await addKey(f.orgs.govA, f.actors.memberA.userId);
  keys.other = await addKey(f.orgs.govB, f.actors.memberB.userId);
});
afterAll(async () => {
  await t.cleanup();
});

describe("match.candidates", () => {
  it("ranks eligible candidates with explanations for a member of the need's organisation", async () => {
    const res = await call(f.actors.memberA).match.candidates({ id: needId });
    expect(res.need).toMatchObject({ id: needId, quantity: 3, quantityOpen: 3, typeCode: "EQ-PUMP-1" });
    expect(res.candidates.map((c) => c.title)).toEqual(["近处泵 600", "远处泵 800"]);
    const best = res.candidates[0]!;
    expect(best.onTime).toBe(true);
    expect(best.score).toBeGreaterThan(res.candidates[1]!.score);
    // both forms of the names, for clients in either language (lib/i18n/localized-name.ts)
    expect(best.supplier).toEqual({ kind: "ORGANIZATION", orgId: f.orgs.enterprise, name: "苏安应急装备有限公司", nameEn: "Su'an Emergency Equipment" });
    expect(res.candidates.map((c) => c.titleEn)).toEqual(["Near pump, 600 m³/h", null]);
    expect(best.explanation.en).toMatch(/^5\.\d km, ETA \d+ min, arrives \d+ min before needed; Flow 600 ≥ 500 m³\/h; 90% completion$/);
    expect(best.explanation.zh).toMatch(/^5\.\d 公里，预计\d+分钟到达，比需求时间早\d+分钟；流量 600 ≥ 500 m³\/h；完成率 90%$/);
    expect(Object.keys(best.breakdown)).toEqual(["eta", "capabilityFit", "reliability", "cost", "fairness"]);
    expect(JSON.stringify(res)).not.toMatch(/ownerUserId|contactPhone|025-84000000/);
  });

  it("honours limit; admins may read any need", async () => {
    const res = await call(f.actors.admin).match.candidates({ id: needId, limit: 1 });
    expect(res.candidates).toHaveLength(1);
  });

  it("hides other organisations' needs (NOT_FOUND) and refuses suppliers (FORBIDDEN)", async () => {
    await expect(call(f.actors.memberB).match.candidates({ id: needId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(call(f.actors.supplier).match.candidates({ id: needId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("REST POST /needs/{id}/match", () => {
  const post = (key: string) =>
    POST(new Request(`http://localhost:3000/api/v1/needs/${needId}/match`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ limit: 5 }),
    }));

  it("returns ranked, explained candidates to a key of the need's organisation", async () => {
    const res = await post(keys.own);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.candidates).toHaveLength(2);
    expect(body.candidates[0].explanation.en).toContain("ETA");
  });

  it("is 404 for another organisation's key", async () => {
    expect((await post(keys.other)).status).toBe(404);
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = await getOpenApiJson().json();
    expect(doc.paths["/needs/{id}/match"].post.summary).toBe("Ranked, explained candidates for a need");
  });
});
