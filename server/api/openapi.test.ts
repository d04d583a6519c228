import { describe, expect, it, vi } from "vitest";

// The document is built from the router alone; no request context (and so no auth) is involved.
vi.mock("@/server/auth/actor", () => ({ resolveActor: async () => null }));

const { allowedMethods, buildOpenApiDocument, readBodyWithLimit, toRestErrorBody } = await import("@/server/api/openapi");
const { createTRPCRouter } = await import("@/server/api/trpc");
const { catalogueRouter } = await import("@/server/api/routers/catalogue");
const { systemRouter } = await import("@/server/api/routers/system");

// The operations this file owns, mounted as in server/api/root.ts (the whole appRouter pulls in
// next-auth; the full document is checked through the openapi.json route in app/api/v1/rest.int.test.ts).
const router = createTRPCRouter({ catalogue: catalogueRouter, system: systemRouter });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument(router, "https://muster.example/") as unknown as Json;

  it("is an OpenAPI 3.x document for the Muster API v1", () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: "Muster API", version: "1" });
    expect(doc.servers).toEqual([{ url: "https://muster.example/api/v1" }]);
  });

  it("documents the API-key bearer scheme", () => {
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.apiKey.description).toContain("Authorization: Bearer mk_");
  });

  it("lists resource types behind the API key, with their filters", () => {
    const op = doc.paths["/resource-types"].get;
    expect(op.security).toEqual([{ apiKey: ["catalogue:read"] }]); // the scope a key needs
    expect(op.tags).toEqual(["catalogue"]);
    expect(op.parameters.map((p: Json) => [p.name, p.in])).toEqual([
      ["category", "query"],
      ["q", "query"],
      ["active", "query"],
    ]);
    const active = op.parameters.find((p: Json) => p.name === "active");
    expect(active.schema.type).toBe("boolean");
    expect(op.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ResourceTypeList" });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "500"]));
  });

  it("gets one resource type by code (path parameter)", () => {
    const op = doc.paths["/resource-types/{code}"].get;
    expect(op.parameters).toEqual([expect.objectContaining({ name: "code", in: "path", required: true })]);
    expect(op.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ResourceType" });
  });

  it("serves /health without authentication", () => {
    const op = doc.paths["/health"].get;
    expect(op.security).toBeUndefined();
    expect(op.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Health" });
  });

  it("registers the catalogue schemas as components", () => {
    const { schemas } = doc.components;
    expect(schemas.ResourceCategory.enum).toEqual(["EXPERT", "TEAM", "EQUIPMENT", "MATERIAL", "SERVICE", "KNIGHT"]);
    expect(Object.keys(schemas.ResourceType.properties)).toEqual(
      expect.arrayContaining(["id", "code", "kind", "category", "nameZh", "nameEn", "typeLevel", "metrics", "defaultUnit", "minimumCriteriaZh", "minimumCriteriaEn"]),
    );
    expect(Object.keys(schemas.ResourceTypeMetric.properties).sort()).toEqual(["key", "labelEn", "labelZh", "max", "min", "unit"]);
    expect(schemas.Health.required).toEqual(expect.arrayContaining(["status", "db", "time", "version"]));
  });

  it("documents the REST error shape { message, code, fieldErrors }", () => {
    const err = doc.components.schemas["error.BAD_REQUEST"];
    expect(Object.keys(err.properties).sort()).toEqual(["code", "fieldErrors", "message"]);
    expect(err.required).toEqual(["message", "code", "fieldErrors"]);
  });
});

describe("REST routing facts", () => {
  it("knows which methods a path serves", () => {
    expect(allowedMethods(router, "/resource-types")).toEqual(["GET"]);
    expect(allowedMethods(router, "/resource-types/PUMP_1/")).toEqual(["GET"]);
    expect(allowedMethods(router, "/health")).toEqual(["GET"]);
    expect(allowedMethods(router, "/nope")).toEqual([]);
    expect(allowedMethods(router, "/resource-types/a/b")).toEqual([]);
  });
});

describe("toRestErrorBody", () => {
  it("keeps message, code and field errors", () => {
    const raw = {
      message: "Input validation failed",
      code: "BAD_REQUEST",
      data: { code: "BAD_REQUEST", httpStatus: 400, fieldErrors: { category: ["Invalid option"] } },
      issues: [{ path: ["category"], message: "Invalid option" }],
    };
    expect(toRestErrorBody(400, raw)).toEqual({
      message: "Input validation failed",
      code: "BAD_REQUEST",
      fieldErrors: { category: ["Invalid option"] },
    });
  });

  it("never passes internal detail through on a 5xx", () => {
    const raw = { message: "relation \"x\" does not exist", code: "INTERNAL_SERVER_ERROR", data: { stack: "Error: at db.ts:1" } };
    const body = toRestErrorBody(500, raw);
    expect(body).toEqual({ message: expect.stringContaining("Something went wrong"), code: "INTERNAL_SERVER_ERROR", fieldErrors: null });
    expect(JSON.stringify(body)).not.toContain("stack");
  });

  it("copes with a body that is not JSON at all", () => {
    expect(toRestErrorBody(404, null)).toEqual({ message: "Not found", code: "NOT_FOUND", fieldErrors: null });
  });
});

describe("readBodyWithLimit", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://x/api/v1/things", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("returns the bytes of a body within the limit", async () => {
    const body = await readBodyWithLimit(post('{"a":1}'), 100);
    expect(new TextDecoder().decode(body!)).toBe('{"a":1}');
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    expect(await readBodyWithLimit(post("x", { "content-length": "2000000" }), 1000)).toBeNull();
  });

  it("refuses a streamed body that grows past the limit", async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(400));
      },
    });
    expect(await readBodyWithLimit(post(stream), 1000)).toBeNull();
  });
});
