import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { SCOPES_BY_ORG_KIND, type ApiKeyOrgKind, type ApiKeyScope } from "@/lib/schemas/api-keys";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { appRouter } from "@/server/api/root";
import { API_KEY_SCHEME_NAME, buildOpenApiDocument } from "@/server/api/openapi";
import { createRestHandler } from "@/server/api/rest-handler";

/**
 * Least-privilege keys, table-driven from the OpenAPI document: for every operation that lists an API-key
 * scope, a key holding every other scope its organisation may hold gets 403 naming the scope, and a key
 * holding only that scope gets past authorisation (whatever the operation then says about the dummy input).
 */
type Operation = { method: string; path: string; scope: ApiKeyScope };

const doc = buildOpenApiDocument(appRouter, "http://localhost:3000");
const operations: Operation[] = Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
  Object.entries(ops as Record<string, { security?: Record<string, string[]>[] }>).flatMap(([method, op]) => {
    const scopes = op.security?.flatMap((s) => s[API_KEY_SCHEME_NAME] ?? []) ?? [];
    return scopes.map((scope) => ({ method: method.toUpperCase(), path, scope: scope as ApiKeyScope }));
  }),
);

let t: TestDatabase;
const orgs = {} as Record<ApiKeyOrgKind, { id: string; userId: string }>;
const handler = createRestHandler();

/** The organisation kind that may hold `scope` (a government one where both could). */
const kindFor = (scope: ApiKeyScope): ApiKeyOrgKind => (SCOPES_BY_ORG_KIND.GOVERNMENT.includes(scope) ? "GOVERNMENT" : "ENTERPRISE");

async function addKey(kind: ApiKeyOrgKind, scopes: ApiKeyScope[]): Promise<string> {
  const k = generateApiKey();
  const { id, userId } = orgs[kind];
  await t.db.apiKey.create({ data: { orgId: id, name: scopes.join(" ") || "none", prefix: k.prefix, hashedKey: k.hashedKey, createdById: userId, scopes } });
  return k.key;
}

function call(op: Operation, key: string): Promise<Response> {
  const path = op.path.replace(/\{[^}]+\}/g, "no-such-id");
  const body = op.method === "GET" ? undefined : "{}";
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body) headers["content-type"] = "application/json";
  return handler(new Request(`http://localhost:3000/api/v1${path}`, { method: op.method, headers, body }));
}

beforeAll(async () => {
  t = await testDb();
  await t.db.region.create({ data: { code: "320000", nameZh: "江苏省", nameEn: "Jiangsu", level: "PROVINCE", lat: 32.06, lng: 118.8 } });
  for (const kind of ["GOVERNMENT", "ENTERPRISE"] as const) {
    const user = await t.db.user.create({ data: { email: `${kind.toLowerCase()}@scopes.test`, kind: "SUPPLIER" }, select: { id: true } });
    const org = await t.db.organization.create({
      data: { name: `${kind} 机构`, kind, regionCode: "320000", contactName: "联系人", contactPhone: "13800000000", address: "南京", verification: "VERIFIED" },
      select: { id: true },
    });
    orgs[kind] = { id: org.id, userId: user.id };
  }
});
afterAll(async () => t?.cleanup());

describe("API key scopes on every REST operation", () => {
  it("the document lists a scope for every protected operation", () => {
    expect(operations.length).toBe(19); // every operation but /health and /stats
    expect(new Set(operations.map((o) => o.scope)).size).toBe(9);
    for (const [path, ops] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(ops as Record<string, { security?: unknown[]; description?: string }>)) {
        if (path === "/health" || path === "/stats") continue;
        expect(operations.some((o) => o.path === path && o.method === method.toUpperCase()), `${method} ${path}`).toBe(true);
        expect(op.description, `${method} ${path}`).toMatch(/Requires the API key scope `[a-z]+:[a-z]+`/);
      }
    }
  });

  it.each(operations)("$method $path: 403 naming $scope without it, past authorisation with only it", async (op) => {
    const kind = kindFor(op.scope);
    const others = SCOPES_BY_ORG_KIND[kind].filter((s) => s !== op.scope);

    const denied = await call(op, await addKey(kind, others));
    expect(denied.status).toBe(403);
    const body = (await denied.json()) as { code: string; message: string; fieldErrors: unknown };
    expect(body).toEqual({ code: "FORBIDDEN", message: `This API key lacks the scope "${op.scope}".`, fieldErrors: null });

    const allowed = await call(op, await addKey(kind, [op.scope]));
    expect([401, 403, 429], `${op.method} ${op.path} → ${allowed.status} ${await allowed.clone().text()}`).not.toContain(allowed.status);
  });

  it("a key of a kind that may not hold the scope is refused too, even with every scope it may hold", async () => {
    const accept = operations.find((o) => o.scope === "platform:riders")!;
    const res = await call(accept, await addKey("GOVERNMENT", [...SCOPES_BY_ORG_KIND.GOVERNMENT]));
    expect(res.status).toBe(403);
  });
});
