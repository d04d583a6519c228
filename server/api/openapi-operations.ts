import { forEachOpenApiProcedure, normalizePath, type OpenAPIObject, type OpenApiMeta, type OpenApiRouter } from "trpc-to-openapi";
import type { ApiKeyScope } from "@/lib/schemas/api-keys";
import { SCOPE_FOR_PERMISSION } from "@/server/auth/api-scopes";
import type { Permission } from "@/server/auth/permissions";

/**
 * The one place that decides, per REST operation, its `security` and its error responses. trpc-to-openapi
 * documents errors its own way (`{ message, code, issues }`, a fixed status list, no security on public
 * operations); `decorateOperations` replaces all of that with what our REST layer really does. To add a
 * rule for every operation (a scope, 429 for rate limits), extend `operationSecurity` or `errorStatuses`;
 * an operation-specific error (409, 412) is declared next to the procedure as
 * `.meta({ openapi: { …, errorResponses: { 409: "why this operation answers 409" } } })`.
 */

export const REST_ERROR_SCHEMA = "RestError";

type OperationMeta = NonNullable<OpenApiMeta["openapi"]>;

type Json = Record<string, unknown>;
type Operation = Json & { parameters?: unknown[]; requestBody?: unknown; responses: Record<string, unknown>; security?: unknown; description?: string };

/** Facts about one operation that its error responses and security follow from. */
export type OperationFacts = {
  method: string;
  path: string;
  meta: OperationMeta;
  /** Needs an API key (`protect`, trpc-to-openapi's default is true). */
  protected: boolean;
  /** Has any input at all (path, query or body), so it can be invalid. */
  hasInput: boolean;
  /** Names a record in its path (`/things/{id}`), so it can be missing or not visible to the caller. */
  hasPathParams: boolean;
  /** Carries a JSON request body (POST, PUT, PATCH: the adapter's rule), so the content type must be JSON. */
  hasBody: boolean;
  /** The API-key scope its permission needs (server/auth/api-scopes.ts); none for public operations. */
  scope: ApiKeyScope | undefined;
};

/** Default name and wording per status; an operation's `errorResponses` text replaces the wording. */
const ERROR_STATUSES: Record<number, { name: string; code: string; description: string }> = {
  400: { name: "BadRequest", code: "BAD_REQUEST", description: "Invalid input: `fieldErrors` maps each bad field to its messages." },
  401: { name: "Unauthorized", code: "UNAUTHORIZED", description: "No API key, or an unknown, revoked or expired one." },
  403: { name: "Forbidden", code: "FORBIDDEN", description: "The key lacks the operation's scope (named in the message), or its organisation may not do this." },
  404: { name: "NotFound", code: "NOT_FOUND", description: "No such record, or not one this key may see." },
  409: { name: "Conflict", code: "CONFLICT", description: "The record changed or is in a state that does not allow this." },
  412: { name: "PreconditionFailed", code: "PRECONDITION_FAILED", description: "A precondition of the organisation or record is not met." },
  413: { name: "PayloadTooLarge", code: "PAYLOAD_TOO_LARGE", description: "The request body is over the size limit (1 MB)." },
  415: {
    name: "UnsupportedMediaType",
    code: "UNSUPPORTED_MEDIA_TYPE",
    description: "The body is not `application/json` (send `{}` when there is nothing else to send).",
  },
  422: { name: "UnprocessableContent", code: "UNPROCESSABLE_CONTENT", description: "The input is well-formed but cannot be processed." },
  429: { name: "TooManyRequests", code: "TOO_MANY_REQUESTS", description: "Too many requests: slow down and retry later." },
  500: { name: "InternalServerError", code: "INTERNAL_SERVER_ERROR", description: "Something went wrong on our side; no internal detail is returned." },
};

/**
 * The security requirement of an operation: the API key with the scope it needs (OpenAPI 3.1 allows role
 * names for non-OAuth schemes). Public operations say so explicitly (`[]`).
 */
function operationSecurity(facts: OperationFacts, scheme: string): Json[] {
  return facts.protected ? [{ [scheme]: facts.scope ? [facts.scope] : [] }] : [];
}

/** Every error status the operation can answer with, with the operation's own wording where it has one. */
function errorStatuses(facts: OperationFacts): Map<number, string | undefined> {
  const out = new Map<number, string | undefined>();
  if (facts.hasInput) out.set(400, undefined);
  if (facts.protected) {
    out.set(401, undefined);
    out.set(403, undefined);
  }
  if (facts.hasPathParams) out.set(404, undefined);
  if (facts.method !== "GET") out.set(413, undefined); // the route reads (and limits) every non-GET body
  if (facts.hasBody) out.set(415, undefined);
  const declared = facts.meta.errorResponses;
  if (Array.isArray(declared)) declared.forEach((s) => out.set(s, undefined));
  else if (declared) Object.entries(declared).forEach(([s, text]) => out.set(Number(s), text));
  out.set(429, undefined); // every REST call is counted: per key, per signed-in user, or per client IP
  out.set(500, undefined);
  return new Map([...out].sort(([a], [b]) => a - b));
}

const restErrorSchema = {
  type: "object",
  description: "Every REST error: a readable message, a machine code and, for invalid input, the fields at fault.",
  properties: {
    message: { type: "string", description: "What went wrong, for people." },
    code: {
      type: "string",
      description:
        "tRPC error code: BAD_REQUEST, PARSE_ERROR, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_SUPPORTED, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE_CONTENT, TOO_MANY_REQUESTS, INTERNAL_SERVER_ERROR.",
    },
    fieldErrors: {
      type: ["object", "null"],
      additionalProperties: { type: "array", items: { type: "string" } },
      description: "Input field path → messages when the input was invalid; otherwise null.",
    },
  },
  required: ["message", "code", "fieldErrors"],
};

function errorContent(status: number, message: string) {
  const { code } = ERROR_STATUSES[status] ?? { code: "BAD_REQUEST" };
  const fieldErrors = status === 400 ? { category: ['Invalid option: expected one of "EXPERT"|"TEAM"|…'] } : null;
  return {
    "application/json": {
      schema: { $ref: `#/components/schemas/${REST_ERROR_SCHEMA}` },
      example: { message, code, fieldErrors },
    },
  };
}

function operationFacts(method: string, path: string, meta: OperationMeta, permission: Permission | undefined, op: Operation): OperationFacts {
  const params = (op.parameters ?? []) as { in?: string }[];
  return {
    scope: (permission && SCOPE_FOR_PERMISSION[permission]) || undefined,
    method,
    path,
    meta,
    protected: meta.protect ?? true,
    hasInput: params.length > 0 || op.requestBody !== undefined,
    hasPathParams: params.some((p) => p.in === "path"),
    hasBody: method !== "GET" && method !== "DELETE",
  };
}

/**
 * Rewrites every operation's `security` and non-2xx responses, and the error components, in place.
 * Shared wording becomes `components.responses.<Name>`; an operation's own wording stays inline.
 */
export function decorateOperations(doc: OpenAPIObject, router: OpenApiRouter, securityScheme: string): void {
  const components = (doc.components ??= {}) as Json & { schemas?: Json; responses?: Json };
  const responses = (components.responses ??= {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;

  forEachOpenApiProcedure(router._def.procedures, ({ meta }) => {
    const { method, path } = meta.openapi;
    const op = paths[normalizePath(path)]?.[method.toLowerCase()];
    if (!op) return;
    const facts = operationFacts(method, path, meta.openapi, (meta as { permission?: Permission }).permission, op);
    op.security = operationSecurity(facts, securityScheme);
    if (facts.scope) op.description = [op.description, `Requires the API key scope \`${facts.scope}\`.`].filter(Boolean).join("\n\n");
    for (const status of Object.keys(op.responses)) if (!status.startsWith("2")) delete op.responses[status];
    for (const [status, own] of errorStatuses(facts)) {
      const shared = ERROR_STATUSES[status];
      if (!shared) throw new Error(`[openapi] ${method} ${path}: no wording for error status ${status}; add it to ERROR_STATUSES`);
      if (own) {
        op.responses[status] = { description: own, content: errorContent(status, own) };
      } else {
        responses[shared.name] ??= { description: shared.description, content: errorContent(status, shared.description) };
        op.responses[status] = { $ref: `#/components/responses/${shared.name}` };
      }
    }
  });

  // trpc-to-openapi's per-code error schemas are replaced by the one shape the REST layer returns.
  const schemas = (components.schemas ??= {}) as Json;
  for (const name of Object.keys(schemas)) if (name.startsWith("error.")) delete schemas[name];
  schemas[REST_ERROR_SCHEMA] = restErrorSchema;
  if (Object.keys(responses).length === 0) delete components.responses;
}
