import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { GET, POST } from "@/app/api/v1/[...path]/route";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";
import { createRateCard } from "@/server/modules/compensation/rate-cards";
import { confirmEvidence } from "@/server/modules/compensation/requisitions";
import { acceptedAssignment, pinLifecycle, progress, seedCompensationFixtures } from "@/server/modules/compensation/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedCompensationFixtures>>;
const keys = { supplier: "", gov: "", otherGov: "", otherSupplier: "", govNoScope: "" };
const call = (method: "GET" | "POST", path: string, key: string, body?: unknown) =>
  (method === "GET" ? GET : POST)(new Request(`http://localhost:3000/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined,
  }));

beforeAll(async () => {
  t = await testDb();
  f = await seedCompensationFixtures(t.db);
  const addKey = async (orgId: string, scopes: readonly string[]) => {
    const k = generateApiKey();
    await t.db.apiKey.create({ data: { orgId, name: "k", prefix: k.prefix, hashedKey: k.hashedKey, createdById: f.actors.admin.userId, scopes: [...scopes] } });
    return k.key;
  };
  keys.supplier = await addKey(f.orgs.enterprise, SCOPES_BY_ORG_KIND.ENTERPRISE);
  keys.gov = await addKey(f.orgs.govA, SCOPES_BY_ORG_KIND.GOVERNMENT);
  keys.otherGov = await addKey(f.orgs.govB, SCOPES_BY_ORG_KIND.GOVERNMENT);
  keys.otherSupplier = await addKey(f.org2, SCOPES_BY_ORG_KIND.ENTERPRISE);
  keys.govNoScope = await addKey(f.orgs.govA, ["incidents:read"]);
  await createRateCard(t.db, f.actors.admin, { typeId: f.types.pump, rentUnit: "HOUR", rentCents: 10_000, operatorCentsPerHour: 0, fuelCentsPerKm: 0, effectiveFrom: new Date("2026-01-01T00:00:00Z") });
});
afterAll(async () => t.cleanup());

describe("REST v1: compensation claims and the cost report, own organisation only", () => {
  it("the supplier's key assembles, adds a line and files; the requester's key decides; other organisations' keys get 404 on every claim route", async () => {
    const { assignmentId: a } = await acceptedAssignment(t.db, f);
    await progress(t.db, f.actors.supplier, a, ["MOBILIZED"]);
    for (const who of [f.actors.supplier, f.actors.dispatcherA]) await confirmEvidence(t.db, who, { assignmentId: a, stage: "HANDOVER", note: "完好" });
    await progress(t.db, f.actors.supplier, a, ["EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]);
    await pinLifecycle(t.db, a);
    for (const who of [f.actors.supplier, f.actors.dispatcherA]) await confirmEvidence(t.db, who, { assignmentId: a, stage: "RETURN", note: "归还" });

    for (const k of [keys.otherSupplier, keys.otherGov]) expect((await call("POST", `/compensation/assignments/${a}/claim`, k, {})).status).toBe(404);
    const assembled = await call("POST", `/compensation/assignments/${a}/claim`, keys.supplier, {});
    expect(assembled.status).toBe(200);
    const claim = (await assembled.json()) as { id: string; claimedCents: number; lines: { id: string; kind: string }[] };
    expect(claim.claimedCents).toBe(40_000);
    const added = await call("POST", `/compensation/claims/${claim.id}/lines`, keys.supplier, { kind: "FUEL", description: "加油", amountCents: 8_000 });
    expect(added.status).toBe(200);
    const lines = ((await added.json()) as typeof claim).lines;
    expect((await call("POST", `/compensation/claims/${claim.id}/file`, keys.supplier, {})).status).toBe(200);

    const rent = lines.find((l) => l.kind === "RENT")!.id;
    const fuel = lines.find((l) => l.kind === "FUEL")!.id;
    const otherOrgRoutes: [("GET" | "POST"), string, unknown?][] = [
      ["GET", `/compensation/claims/${claim.id}`],
      ["POST", `/compensation/claims/${claim.id}/lines`, { kind: "OTHER", description: "x", amountCents: 1 }],
      ["POST", `/compensation/claims/${claim.id}/file`, {}],
      ["POST", `/compensation/lines/${rent}/decision`, { decision: "APPROVE" }],
      ["POST", `/compensation/claims/${claim.id}/paid`, {}],
    ];
    for (const k of [keys.otherSupplier, keys.otherGov]) {
      for (const [m, p, b] of otherOrgRoutes) expect((await call(m, p, k, b)).status, `${m} ${p}`).toBe(404);
      expect(await (await call("GET", "/compensation/claims", k)).json()).toEqual([]);
    }
    // the supplier cannot decide its own claim; the key without the scope is refused by scope
    expect((await call("POST", `/compensation/lines/${rent}/decision`, keys.supplier, { decision: "APPROVE" })).status).toBe(403);
    expect((await call("POST", `/compensation/lines/${rent}/decision`, keys.govNoScope, { decision: "APPROVE" })).status).toBe(403);
    expect((await call("POST", `/compensation/lines/${fuel}/decision`, keys.gov, { decision: "ADJUST" })).status).toBe(400); // no reason, no amount

    expect((await call("POST", `/compensation/lines/${rent}/decision`, keys.gov, { decision: "APPROVE" })).status).toBe(200);
    const disputed = await call("POST", `/compensation/lines/${fuel}/decision`, keys.gov, { decision: "DISPUTE", reason: "无发票" });
    expect(((await disputed.json()) as { approvedCents: number }).approvedCents).toBe(40_000);

    const list = (await (await call("GET", "/compensation/claims", keys.gov)).json()) as { id: string }[];
    expect(list.map((c) => c.id)).toEqual([claim.id]);
    const report = await call("GET", `/incidents/${f.incidentId}/cost-report`, keys.gov);
    expect(report.status).toBe(200);
    expect(await report.json()).toMatchObject({ totals: { claimedCents: 48_000, approvedCents: 40_000, disputedCents: 8_000 } });
    for (const k of [keys.otherGov, keys.supplier]) expect((await call("GET", `/incidents/${f.incidentId}/cost-report`, k)).status).toBe(404);
  });

  it("the OpenAPI document lists the compensation operations with their scopes", async () => {
    const doc = (await (await getOpenApiJson()).json()) as { paths: Record<string, Record<string, { security: Record<string, string[]>[] }>> };
    expect(doc.paths["/compensation/claims"]!.get!.security).toEqual([{ apiKey: ["compensation:read"] }]);
    expect(doc.paths["/compensation/lines/{lineId}/decision"]!.post!.security).toEqual([{ apiKey: ["compensation:write"] }]);
    expect(doc.paths["/incidents/{incidentId}/cost-report"]!.get!.security).toEqual([{ apiKey: ["compensation:read"] }]);
  });
});
