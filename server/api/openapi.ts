import {
  forEachOpenApiProcedure,
  generateOpenApiDocument,
  getPathRegExp,
  HTTP_STATUS_TRPC_ERROR_CODE,
  normalizePath,
  type OpenAPIObject,
  type OpenApiRouter,
  type SecuritySchemeObject,
} from "trpc-to-openapi";
import { env } from "@/lib/env";
import { API_KEY_SCOPES } from "@/lib/schemas/api-keys";
import { decorateOperations } from "@/server/api/openapi-operations";
import type { FieldErrors } from "@/server/errors";
import { DB_UNAVAILABLE_MESSAGE } from "@/server/db-errors";

/**
 * The public REST API (/api/v1): the OpenAPI document and the one error shape every REST
 * response uses. Procedures opt in with `.meta({ openapi: {...} })` plus `.input()`/`.output()`.
 * Functions take the router (the route files pass appRouter) so this file stays testable alone.
 */

export const REST_BASE_PATH = "/api/v1";
/** Largest accepted request body; larger bodies get 413 before any parsing. */
export const REST_MAX_BODY_BYTES = 1_000_000;

export const API_KEY_SCHEME_NAME = "apiKey";
const apiKeyScheme: SecuritySchemeObject = {
  type: "http",
  scheme: "bearer",
  bearerFormat: "mk_…",
  description:
    "per-organisation API key: Authorization: Bearer mk_…. Each key holds scopes chosen when it was created " +
    `(${API_KEY_SCOPES.join(", ")}); each operation lists the one it needs in its security requirement.`,
};

/** Every REST error body: `{ message, code, fieldErrors }` (fieldErrors: field path → messages, or null). */
export type RestErrorBody = { message: string; code: string; fieldErrors: FieldErrors | null };

const DESCRIPTION = [
  "Muster's REST API for machine clients. Authenticate with an organisation API key:",
  "`Authorization: Bearer mk_…` (organisation owners create and revoke keys in the web app).",
  "",
  "Errors are JSON `{ message, code, fieldErrors }`: `code` is a tRPC error code (BAD_REQUEST, UNAUTHORIZED,",
  "FORBIDDEN, NOT_FOUND, METHOD_NOT_SUPPORTED, PAYLOAD_TOO_LARGE, …); `fieldErrors` maps an input field to its",
  "messages when the input was invalid, otherwise null.",
  "",
  "Scopes: an operation answers 403 FORBIDDEN naming the scope when the key lacks it (see each operation's security).",
  "Rate limits: each key (or signed-in user, or client IP without credentials) has a request budget per window;",
  "responses carry `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and `RateLimit-Policy`, and a",
  "request over budget gets 429 TOO_MANY_REQUESTS with `Retry-After` (seconds). Requests with invalid keys are",
  "counted per client IP; past a small budget they get 429 instead of 401.",
].join("\n");

/** Every tag an operation uses needs a line here (the lint test fails on a tag without a description). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  catalogue: "The resource catalogue: types, capability metrics and units.",
  command: "Command-centre figures for a region and a time range (government organisations, for their region and the regions below it).",
  compensation: "Requisition compensation (征用补偿): claims assembled from dispatch evidence, their lines and decisions, and the incident cost report. Your organisation's own only.",
  incidents: "Incidents and their needs, posted by verified government organisations.",
  listings: "Capacity offered by suppliers and experts: search it, and manage your organisation's listings.",
  matching: "Ranked, explained candidates for a need.",
  orders: "Orders of paid needs (one per accepted assignment) and their payment state, for the buying or selling organisation's own key.",
  offers: "Offers of a need to a supplier's listing: accept or decline within the hold time.",
  platform: "Delivery platforms: their riders' duty, task offers and tasks.",
  search: "One search over listings, needs, organisations and resource types, filtered by what the caller may see.",
  system: "Health and public figures; no API key needed.",
};

/**
 * No licence is granted for the API or this document (the project is private). Set a real one here
 * (SPDX `identifier` or `url`) if the API is ever published under one.
 */
const LICENSE = { name: "Proprietary: all rights reserved", identifier: "LicenseRef-Muster-Proprietary" };

function openApiTags(router: OpenApiRouter): string[] {
  const tags = new Set<string>();
  forEachOpenApiProcedure(router._def.procedures, ({ meta }) => meta.openapi.tags?.forEach((t) => tags.add(t)));
  return [...tags].sort();
}

/**
 * The server URL: APP_URL's /api/v1 where APP_URL is a real address; relative (`/api/v1`, resolved
 * against wherever the document was fetched from) while APP_URL is the local-development default.
 */
export function restServerUrl(appUrl: string): string {
  const { hostname } = new URL(appUrl);
  const local = hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" || hostname.startsWith("127.");
  return local ? REST_BASE_PATH : `${appUrl.replace(/\/+$/, "")}${REST_BASE_PATH}`;
}

export function buildOpenApiDocument(router: OpenApiRouter, appUrl: string = env.APP_URL): OpenAPIObject {
  const doc = generateOpenApiDocument(router, {
    title: "Muster API",
    version: "1",
    description: DESCRIPTION,
    license: LICENSE,
    baseUrl: restServerUrl(appUrl),
    securitySchemes: { [API_KEY_SCHEME_NAME]: apiKeyScheme },
  });
  doc.tags = openApiTags(router).map((name) => ({ name, description: TAG_DESCRIPTIONS[name] }));
  decorateOperations(doc, router, API_KEY_SCHEME_NAME);
  return doc;
}

const documents = new WeakMap<OpenApiRouter, OpenAPIObject>();

/** The document never changes while the process runs, so it is built once. */
export function getOpenApiDocument(router: OpenApiRouter): OpenAPIObject {
  let doc = documents.get(router);
  if (!doc) {
    doc = buildOpenApiDocument(router);
    documents.set(router, doc);
  }
  return doc;
}

// ── Routing facts the adapter does not give us (it answers 404 for a known path with the wrong method) ──

type RestRoute = { method: string; pattern: RegExp };
const routeTables = new WeakMap<OpenApiRouter, RestRoute[]>();

function restRoutes(router: OpenApiRouter): RestRoute[] {
  let routes = routeTables.get(router);
  if (!routes) {
    const table: RestRoute[] = [];
    forEachOpenApiProcedure(router._def.procedures, ({ meta }) => {
      table.push({ method: meta.openapi.method, pattern: getPathRegExp(normalizePath(meta.openapi.path)) });
    });
    routes = table;
    routeTables.set(router, routes);
  }
  return routes;
}

/** Methods served at `pathname` (relative to /api/v1); empty when the path is unknown. */
export function allowedMethods(router: OpenApiRouter, pathname: string): string[] {
  const path = normalizePath(pathname);
  return [...new Set(restRoutes(router).filter((r) => r.pattern.test(path)).map((r) => r.method))];
}

// ── Error responses ──

export function restErrorResponse(
  status: number,
  body: RestErrorBody,
  headers: Record<string, string> = {},
): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  500: "Something went wrong on our side. Please try again.",
  503: DB_UNAVAILABLE_MESSAGE,
};

function isFieldErrors(v: unknown): v is FieldErrors {
  return (
    !!v &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    Object.values(v).every((m) => Array.isArray(m) && m.every((s) => typeof s === "string"))
  );
}

/**
 * Reshape the adapter's error body (`{ message, code, data: { fieldErrors }, issues }`, built by the
 * errorFormatter in server/api/trpc.ts) into `RestErrorBody`. Anything unexpected becomes a plain
 * error for its status, so a stack trace or internal detail can never pass through.
 */
export function toRestErrorBody(status: number, raw: unknown): RestErrorBody {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const data = (r.data && typeof r.data === "object" ? r.data : {}) as Record<string, unknown>;
  const fieldErrors = isFieldErrors(data.fieldErrors) ? data.fieldErrors : null;
  const internal = status >= 500;
  return {
    message: !internal && typeof r.message === "string" ? r.message : (FALLBACK_MESSAGES[status] ?? "Request failed"),
    code: typeof r.code === "string" ? r.code : (HTTP_STATUS_TRPC_ERROR_CODE[status] ?? (internal ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST")),
    fieldErrors: internal ? null : fieldErrors,
  };
}

/**
 * Pass results through (plus `extraHeaders`, e.g. RateLimit-*); rewrite error bodies to the documented shape. `failed` comes from the
 * adapter's onError, because a successful result may also carry an error status (health → 503).
 */
/**
 * The REST response from the adapter's result (rest-adapter.ts): no caching, the handler's extra headers
 * (RateLimit-*), and errors in the REST error shape.
 */
export function restResponse(res: { status: number; headers: Headers; body: string | undefined }, failed: boolean, extraHeaders?: Headers): Response {
  const headers = res.headers;
  extraHeaders?.forEach((value, name) => headers.set(name, value));
  headers.set("Cache-Control", "no-store");
  if (!failed) return new Response(res.body, { status: res.status, headers });
  let raw: unknown = null;
  try {
    raw = res.body === undefined ? null : JSON.parse(res.body);
  } catch {
    raw = null;
  }
  headers.set("Content-Type", "application/json");
  headers.delete("Content-Length");
  return new Response(JSON.stringify(toRestErrorBody(res.status, raw)), { status: res.status, headers });
}

/**
 * The request body, read while counting, or null once it exceeds `limit` bytes (→ 413). Checked
 * before parsing because trpc-to-openapi's fetch adapter buffers the whole body with `req.text()`.
 */
export async function readBodyWithLimit(req: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return body;
}
