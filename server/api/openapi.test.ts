import { describe, expect, it, vi } from "vitest";

// The document is built from the router alone; no request context (and so no auth) is involved.
vi.mock("@/server/auth/actor", () => ({ resolveActor: async () => null }));

const { allowedMethods, buildOpenApiDocument, readBodyWithLimit, restServerUrl, toRestErrorBody } = await import("@/server/api/openapi");
const { createTRPCRouter, protectedProcedure } = await import("@/server/api/trpc");
const { z } = await import("zod");
const { catalogueRouter } = await import("@/server/api/routers/catalogue");
const { systemRouter } = await import("@/server/api/routers/system");

// The operations this file owns, mounted as in server/api/root.ts (the whole appRouter pulls in
// next-auth; the full document is checked through the openapi.json route in app/api/v1/rest.int.test.ts).
// plus one made-up write operation with an operation-specific error.
const router = createTRPCRouter({
  catalogue: catalogueRouter,
  system: systemRouter,
  claim: protectedProcedure
    .meta({ openapi: { method: "POST", path: "/things/{id}/claim", tags: ["system"], errorResponses: { 409: "Someone else claimed it first." } } })
    .input(z.object({ id: z.string(), note: z.string().optional() }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(() => ({ ok: true })),
});

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

  it("serves /health without authentication, and says so explicitly", () => {
    const op = doc.paths["/health"].get;
    expect(op.security).toEqual([]);
    expect(Object.keys(op.responses)).toEqual(["200", "429", "500"]);
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

  it("documents the one REST error shape { message, code, fieldErrors }", () => {
    const err = doc.components.schemas.RestError;
    expect(Object.keys(err.properties).sort()).toEqual(["code", "fieldErrors", "message"]);
    expect(err.required).toEqual(["message", "code", "fieldErrors"]);
    expect(Object.keys(doc.components.schemas).filter((n) => n.startsWith("error."))).toEqual([]);
  });

  it("gives each operation the error statuses it can answer with", () => {
    const statuses = (op: Json) => Object.keys(op.responses);
    expect(statuses(doc.paths["/resource-types"].get)).toEqual(["200", "400", "401", "403", "429", "500"]);
    expect(statuses(doc.paths["/resource-types/{code}"].get)).toEqual(["200", "400", "401", "403", "404", "429", "500"]);
    expect(statuses(doc.paths["/things/{id}/claim"].post)).toEqual(["200", "400", "401", "403", "404", "409", "413", "415", "429", "500"]);
    expect(doc.paths["/resource-types/{code}"].get.responses["404"]).toEqual({ $ref: "#/components/responses/NotFound" });
    expect(doc.components.responses.NotFound.content["application/json"]).toMatchObject({
      schema: { $ref: "#/components/schemas/RestError" },
      example: { code: "NOT_FOUND", fieldErrors: null },
    });
  });

  it("keeps an operation's own wording for its specific errors", () => {
    const conflict = doc.paths["/things/{id}/claim"].post.responses["409"];
    expect(conflict.description).toBe("Someone else claimed it first.");
    expect(conflict.content["application/json"].example).toEqual({ message: "Someone else claimed it first.", code: "CONFLICT", fieldErrors: null });
  });

  it("describes every tag and states the licence", () => {
    expect(doc.tags.map((t: Json) => t.name)).toEqual(["catalogue", "system"]);
    for (const t of doc.tags) expect(t.description).toEqual(expect.any(String));
    expect(doc.info.license).toMatchObject({ name: expect.any(String), identifier: expect.any(String) });
  });
});

describe("restServerUrl", () => {
  it("uses APP_URL where it is a real address", () => {
    expect(restServerUrl("https://muster.gov.example/")).toBe("https://muster.gov.example/api/v1");
  });

  it("is relative while APP_URL is a local address", () => {
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3000/", "http://[::1]:3000", "http://app.localhost"]) {
      expect(restServerUrl(url)).toBe("/api/v1");
    }
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
