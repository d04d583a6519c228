import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { createSessionForUser } from "@/server/auth/session-store";
import { GET, POST } from "@/app/api/v1/[...path]/route";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";

/**
 * The REST API end to end through its route handler (no HTTP server): real database, real API-key
 * resolution, real error mapping.
 */

let t: TestDatabase;
const keys = { valid: "", revoked: "", expired: "" };
let noRoleCookie = "";

const api = (path: string, init: RequestInit & { key?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.key) headers.set("authorization", `Bearer ${init.key}`);
  return new Request(`http://localhost:3000/api/v1${path}`, { ...init, headers });
};

async function json(res: Response): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const text = await res.text();
  expect(text).not.toMatch(/stack|at .*\.ts:\d+/);
  return JSON.parse(text);
}

beforeAll(async () => {
  t = await testDb();
  const { db } = t;
  await db.region.create({ data: { code: "320000", nameZh: "江苏省", nameEn: "Jiangsu", level: "PROVINCE", lat: 32.06, lng: 118.8 } });
  const user = await db.user.create({ data: { email: "api-owner@example.com", kind: "SUPPLIER" } });
  const org = await db.organization.create({
    data: {
      name: "苏安应急装备有限公司",
      kind: "ENTERPRISE",
      regionCode: "320000",
      contactName: "王工",
      contactPhone: "13800000000",
      address: "南京市",
      verification: "VERIFIED",
    },
  });
  const addKey = async (name: string, extra: { revokedAt?: Date; expiresAt?: Date } = {}) => {
    const k = generateApiKey();
    await db.apiKey.create({
      data: { orgId: org.id, name, prefix: k.prefix, hashedKey: k.hashedKey, createdById: user.id, scopes: [...SCOPES_BY_ORG_KIND.ENTERPRISE], ...extra },
    });
    return k.key;
  };
  keys.valid = await addKey("integration");
  keys.revoked = await addKey("revoked", { revokedAt: new Date() });
  keys.expired = await addKey("expired", { expiresAt: new Date(Date.now() - 60_000) });

  // A signed-in person with no platform role at all (profile label ADMIN, but not a platform admin).
  const nobody = await db.user.create({ data: { email: "nobody@example.com", kind: "ADMIN", platformRole: "USER" } });
  const session = await createSessionForUser(db, nobody.id);
  noRoleCookie = `${session.cookieName}=${session.sessionToken}`;

  await db.resourceType.createMany({
    data: [
      {
        category: "EQUIPMENT",
        code: "PUMP_HIGH_FLOW",
        kind: "pump",
        nameZh: "大流量排水泵",
        nameEn: "High-flow drainage pump",
        typeLevel: 1,
        metrics: [{ key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow rate", min: 0, max: 5000 }],
        defaultUnit: "台",
        minimumCriteriaZh: "流量 ≥ 1000 m³/h",
        minimumCriteriaEn: "Flow ≥ 1000 m³/h",
      },
      { category: "TEAM", code: "TEAM_SWIFTWATER", kind: "swiftwater", nameZh: "激流救援队", nameEn: "Swift-water rescue team", typeLevel: 2 },
      { category: "MATERIAL", code: "SANDBAG_OLD", kind: "sandbag", nameZh: "旧式沙袋", nameEn: "Old sandbags", active: false },
    ],
  });
});

afterAll(async () => {
  await t?.cleanup();
});

describe("GET /api/v1/health", () => {
  it("is public and reports the database up", async () => {
    const res = await GET(api("/health"));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ status: "ok", db: "up", version: expect.any(String) });
    expect(Number.isNaN(Date.parse(body.time))).toBe(false);
  });
});

describe("GET /api/v1/resource-types", () => {
  it("answers 401 JSON without a key", async () => {
    const res = await GET(api("/resource-types"));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await json(res)).toEqual({ message: expect.any(String), code: "UNAUTHORIZED", fieldErrors: null });
  });

  it("answers 401 for an unknown, revoked or expired key", async () => {
    const unknown = generateApiKey().key;
    for (const key of [unknown, keys.revoked, keys.expired]) {
      const res = await GET(api("/resource-types", { key }));
      expect(res.status).toBe(401);
      expect((await json(res)).code).toBe("UNAUTHORIZED");
    }
  });

  it("answers 403 for a caller without catalogue.read", async () => {
    const res = await GET(api("/resource-types", { headers: { cookie: noRoleCookie } }));
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe("FORBIDDEN");
  });

  it("lists the catalogue for an API key, as DTOs", async () => {
    const res = await GET(api("/resource-types", { key: keys.valid }));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.items.map((i: { code: string }) => i.code)).toEqual(["TEAM_SWIFTWATER", "PUMP_HIGH_FLOW", "SANDBAG_OLD"]);
    const pump = body.items.find((i: { code: string }) => i.code === "PUMP_HIGH_FLOW");
    expect(pump).toEqual({
      id: expect.any(String),
      code: "PUMP_HIGH_FLOW",
      kind: "pump",
      category: "EQUIPMENT",
      nameZh: "大流量排水泵",
      nameEn: "High-flow drainage pump",
      typeLevel: 1,
      metrics: [{ key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow rate", min: 0, max: 5000 }],
      defaultUnit: "台",
      descriptionZh: "",
      descriptionEn: "",
      minimumCriteriaZh: "流量 ≥ 1000 m³/h",
      minimumCriteriaEn: "Flow ≥ 1000 m³/h",
      requiredCredentialKinds: [],
      active: true,
    });
  });

  it("filters by category, text (zh, en, code) and status", async () => {
    const codes = async (query: string) =>
      (await json(await GET(api(`/resource-types?${query}`, { key: keys.valid })))).items.map((i: { code: string }) => i.code);
    expect(await codes("category=TEAM")).toEqual(["TEAM_SWIFTWATER"]);
    expect(await codes(`q=${encodeURIComponent("排水")}`)).toEqual(["PUMP_HIGH_FLOW"]);
    expect(await codes("q=SWIFT-WATER")).toEqual(["TEAM_SWIFTWATER"]);
    expect(await codes("q=sandbag_old")).toEqual(["SANDBAG_OLD"]);
    expect(await codes("q=%25")).toEqual([]); // a literal "%" is not a wildcard
    expect(await codes("q=_")).toEqual(["TEAM_SWIFTWATER", "PUMP_HIGH_FLOW", "SANDBAG_OLD"]); // all codes contain "_"
    expect(await codes("q=n_b")).toEqual([]); // "_" is not "any character" (as a wildcard it would match "sandbag")
    expect(await codes("active=false")).toEqual(["SANDBAG_OLD"]);
    expect(await codes("active=true&category=MATERIAL")).toEqual([]);
  });

  it("answers 400 with field errors for a bad category", async () => {
    const res = await GET(api("/resource-types?category=PUMPS", { key: keys.valid }));
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body).toMatchObject({ code: "BAD_REQUEST", message: expect.any(String) });
    expect(body.fieldErrors.category).toEqual([expect.stringContaining("EQUIPMENT")]);
  });

  it("answers 400 for other malformed filters", async () => {
    const res = await GET(api(`/resource-types?active=maybe&q=${"x".repeat(101)}`, { key: keys.valid }));
    expect(res.status).toBe(400);
    expect(Object.keys((await json(res)).fieldErrors).sort()).toEqual(["active", "q"]);
  });
});

describe("GET /api/v1/resource-types/{code}", () => {
  it("returns one type", async () => {
    const res = await GET(api("/resource-types/TEAM_SWIFTWATER", { key: keys.valid }));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ code: "TEAM_SWIFTWATER", category: "TEAM", typeLevel: 2, metrics: [] });
  });

  it("answers 404 JSON for an unknown code and 400 for a malformed one", async () => {
    const missing = await GET(api("/resource-types/NOPE", { key: keys.valid }));
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ message: expect.stringContaining("NOPE"), code: "NOT_FOUND", fieldErrors: null });
    const bad = await GET(api("/resource-types/%E6%B0%B4%20pump", { key: keys.valid }));
    expect(bad.status).toBe(400);
    expect((await json(bad)).fieldErrors.code).toHaveLength(1);
  });
});

describe("routing errors", () => {
  it("answers 404 JSON for an unknown path", async () => {
    const res = await GET(api("/no-such-thing", { key: keys.valid }));
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ code: "NOT_FOUND", fieldErrors: null });
  });

  it("answers 405 JSON with Allow for a known path and the wrong method", async () => {
    const res = await POST(api("/resource-types", { method: "POST", key: keys.valid, headers: { "content-type": "application/json" }, body: "{}" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect((await json(res)).code).toBe("METHOD_NOT_SUPPORTED");
  });
});

describe("request bodies", () => {
  it("takes a POST without body or Content-Type as an empty input (what openapi-fetch sends)", async () => {
    const res = await POST(api("/offers/no-such-offer/accept", { method: "POST", key: keys.valid }));
    expect(res.status).toBe(404);
    expect((await json(res)).code).toBe("NOT_FOUND");
  });

  it("answers 415 for a body that is not JSON", async () => {
    const res = await POST(api("/offers/no-such-offer/accept", { method: "POST", key: keys.valid, headers: { "content-type": "text/plain" }, body: "yes" }));
    expect(res.status).toBe(415);
    expect((await json(res)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves an OpenAPI 3.x document for this API", async () => {
    const res = getOpenApiJson();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: "Muster API", version: "1" });
    expect(doc.servers[0].url).toMatch(/\/api\/v1$/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/resource-types", "/resource-types/{code}", "/health"]));
    expect(doc.components.securitySchemes.apiKey.scheme).toBe("bearer");
  });
});
