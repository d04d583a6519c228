import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { GET, POST, PATCH } from "@/app/api/v1/[...path]/route";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";
import { CSV_COLUMNS, toCsv, toCsvRecord } from "@/server/modules/listings/csv-rows";
import { createActor, createOrg, pumpInput, seedListingRefs } from "@/server/modules/listings/test-fixtures";

let t: TestDatabase;
let owner: Actor;
let other: Actor;
let orgId = "";
let apiKey = "";

function caller(actor: Actor) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

function csvOf(n: number, badRow?: number): string {
  const rows = Array.from({ length: n }, (_, i) =>
    toCsvRecord({
      typeCode: "EQ-PUMP-2", title: `排涝泵 ${i + 1}`, titleEn: i % 2 ? null : `Drainage pump ${i + 1}`, description: "", quantity: 1 + (i % 5), unit: "vehicle",
      lat: 31.5 + (i % 100) / 100, lng: 118.5 + (i % 70) / 50, address: `南京市 ${i + 1} 号`, regionCode: "",
      travelRange: "PROVINCE", maxTravelKm: 300, mobilizationMinutes: 90, pricingMode: "DAILY", priceCents: 250000,
      depositCents: 0, capabilities: { flow_m3h: 500 + (i % 400), head_m: 10 }, status: "AVAILABLE",
    }),
  );
  // `row` in reports is the line in the file: the header is line 1, data row i is line i + 2.
  if (badRow) rows[badRow - 2] = { ...rows[badRow - 2], capabilities: "flow_m3h=99999;head_m=10" };
  return toCsv(rows);
}

beforeAll(async () => {
  t = await testDb();
  await seedListingRefs(t.db);
  const org = await createOrg(t.db, "批量导入公司");
  orgId = org.id;
  owner = await createActor(t.db, "owner@import.cn", ["SUPPLIER"], org, "OWNER");
  other = await createActor(t.db, "other@import.cn", ["SUPPLIER"], await createOrg(t.db, "别家"), "OWNER");
  const k = generateApiKey();
  await t.db.apiKey.create({ data: { orgId, name: "erp", prefix: k.prefix, hashedKey: k.hashedKey, createdById: owner.userId, scopes: [...SCOPES_BY_ORG_KIND.ENTERPRISE] } });
  apiKey = k.key;
});
afterAll(async () => t?.cleanup());

describe("CSV import, all or nothing", () => {
  it("a 10,000-row file with one bad row at row 9,999 imports nothing and reports that row", async () => {
    const csv = csvOf(10_000, 9_999);
    const preview = await caller(owner).listing.importPreview({ fileName: "pumps.csv", csv });
    expect(preview).toMatchObject({ total: 10_000, valid: 9_999, invalid: 1, errorCount: 1 });
    const result = await caller(owner).listing.importCommit({ fileName: "pumps.csv", csv });
    expect(result).toMatchObject({ ok: false, imported: 0, total: 10_000, errorCount: 1 });
    expect(result.errors).toEqual([{ row: 9_999, column: "capabilities.flow_m3h", message: "Flow rate must be between 0 and 5000 m³/h." }]);
    expect(await t.db.resource.count({ where: { ownerOrgId: orgId } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "listing.import" } })).toBe(0);
  });

  it("the fixed file imports all 10,000 rows in one transaction with one audit event", async () => {
    const csv = csvOf(10_000);
    const started = performance.now();
    const result = await caller(owner).listing.importCommit({ fileName: "pumps-fixed.csv", csv });
    const seconds = (performance.now() - started) / 1000;
    expect(result).toMatchObject({ ok: true, imported: 10_000, errorCount: 0 });
    console.info(`[listing import] 10,000 rows in ${seconds.toFixed(2)} s → ${Math.round(10_000 / seconds)} rows/s (validate + insert; server-side ${result.ms} ms)`);
    expect(await t.db.resource.count({ where: { ownerOrgId: orgId } })).toBe(10_000);
    const audits = await t.db.auditEvent.findMany({ where: { action: "listing.import" }, select: { orgId: true, data: true, actorId: true } });
    expect(audits).toEqual([{ orgId, actorId: owner.userId, data: { count: 10_000, fileName: "pumps-fixed.csv", via: "session" } }]);
    const sample = await t.db.resource.findFirstOrThrow({ where: { ownerOrgId: orgId, title: "排涝泵 1" }, select: { priceCents: true, regionCode: true, status: true, capabilities: true, titleEn: true } });
    expect(sample).toMatchObject({ priceCents: 250000, status: "AVAILABLE", capabilities: { flow_m3h: 500, head_m: 10 }, titleEn: "Drainage pump 1" });
    // the optional English title column: an empty cell stores none
    expect(await t.db.resource.count({ where: { ownerOrgId: orgId, titleEn: null } })).toBe(5_000);
    expect(sample.regionCode).toMatch(/^32\d{4}$/);
  }, 180_000);

  it("rejects files without the template's columns, and over 20,000 rows, with a clear error", async () => {
    const r = await caller(owner).listing.importPreview({ fileName: "x.csv", csv: "name,qty\na,1\n" });
    expect(r.errors.map((e) => e.column)).toContain("typeCode");
    const huge = `${CSV_COLUMNS.join(",")}\n${"x\n".repeat(20_001)}`;
    await expect(caller(owner).listing.importPreview({ fileName: "big.csv", csv: huge })).rejects.toThrow(/at most 20,000 rows/);
  });

  it("exports the organisation's listings in the template's columns, and the export imports again", async () => {
    const { csv, count } = await caller(owner).listing.exportCsv();
    expect(count).toBe(10_000);
    expect(csv.replace(/^\uFEFF/, "").split("\n")[0]).toBe(CSV_COLUMNS.join(","));
    const again = await caller(owner).listing.importPreview({ fileName: "export.csv", csv });
    expect(again).toMatchObject({ total: 10_000, valid: 10_000, invalid: 0 });
    expect((await caller(other).listing.exportCsv()).count).toBe(0);
  }, 120_000);
});

describe("REST v1 create/update with an API key", () => {
  const rest = (method: string, path: string, body?: unknown, key = apiKey) =>
    new Request(`http://localhost:3000/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("POST /listings creates a listing for the key's organisation; PATCH /listings/{id} updates it with the version", async () => {
    const res = await POST(rest("POST", "/listings", { ...pumpInput, status: "AVAILABLE" }));
    expect(res.status).toBe(200);
    const created = await res.json();
    expect(created).toMatchObject({ ownerOrgId: orgId, status: "AVAILABLE", version: 1, type: { code: "EQ-PUMP-2" } });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: created.id }, select: { actorId: true, data: true } });
    expect(audit).toMatchObject({ actorId: owner.userId, data: { via: "apiKey" } });

    const patched = await PATCH(rest("PATCH", `/listings/${created.id}`, { version: 1, quantity: 5 }));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: created.id, version: 2, quantity: 5 });
    const stale = await PATCH(rest("PATCH", `/listings/${created.id}`, { version: 1, quantity: 6 }));
    expect(stale.status).toBe(409);
    expect((await stale.json()).code).toBe("CONFLICT");
  });

  it("answers 400 with field errors for bad input, and 403 for another organisation's listing", async () => {
    const bad = await POST(rest("POST", "/listings", { ...pumpInput, capabilities: { flow_m3h: -5 }, lat: 10, lng: 10 }));
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(Object.keys(body.fieldErrors)).toEqual(expect.arrayContaining(["lng"]));
    const foreign = await caller(other).listing.create(pumpInput);
    const res = await PATCH(rest("PATCH", `/listings/${foreign.id}`, { version: 1, title: "被篡改的标题" }));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: "You cannot change this listing.", code: "FORBIDDEN", fieldErrors: null });
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = await getOpenApiJson().json();
    expect(doc.paths["/listings"].post).toBeTruthy();
    expect(doc.paths["/listings/{id}"].patch).toBeTruthy();
    expect(typeof GET).toBe("function");
  });
});
