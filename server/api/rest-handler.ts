import type { PrismaClient } from "@/server/db";
import { appRouter } from "@/server/api/root";
import { createContext, type HttpContext } from "@/server/api/trpc";
import { createRestAdapter } from "@/server/api/rest-adapter";
import { inRequestOrder } from "@/server/db/request-order";
import { DB_UNAVAILABLE_RETRY_AFTER_S } from "@/server/db-errors";
import type { RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import {
  REST_BASE_PATH,
  REST_MAX_BODY_BYTES,
  allowedMethods,
  restResponse,
  readBodyWithLimit,
  restErrorResponse,
} from "@/server/api/openapi";

/**
 * The REST v1 request handler (app/api/v1/[...path]/route.ts): every procedure with `meta.openapi`.
 * A factory so tests can run several instances (own database client, tiny budgets, a fake clock) side by side.
 */
export type RestHandlerOptions = { db?: PrismaClient; limiter?: RateLimiter };

const tooLarge = () =>
  restErrorResponse(413, {
    message: `Request body too large (limit ${REST_MAX_BODY_BYTES} bytes).`,
    code: "PAYLOAD_TOO_LARGE",
    fieldErrors: null,
  });

/** What every REST response's status and headers depend on besides the procedure: errors and health. */
function responseMeta({ errors, paths, data }: { errors: { code: string }[]; paths: readonly string[] | undefined; data: unknown[] }): { status?: number; headers?: Record<string, string> } {
  if (errors.some((e) => e.code === "SERVICE_UNAVAILABLE")) {
    return { status: 503, headers: { "Retry-After": String(DB_UNAVAILABLE_RETRY_AFTER_S) } };
  }
  if (errors.some((e) => e.code === "UNAUTHORIZED")) {
    return { headers: { "WWW-Authenticate": 'Bearer realm="muster", charset="UTF-8"' } };
  }
  const health = paths?.[0] === "system.health" ? (data[0] as { db?: string } | undefined) : undefined;
  if (health?.db === "down") return { status: 503 };
  return {};
}

export function createRestHandler(opts: RestHandlerOptions = {}): (req: Request) => Promise<Response> {
  // built once per handler: the router's routes, compiled (see rest-adapter.ts)
  const call = createRestAdapter({ router: appRouter, endpoint: REST_BASE_PATH, responseMeta });
  return (incoming: Request) => inRequestOrder(() => handle(incoming));
  async function handle(incoming: Request): Promise<Response> {
    const method = incoming.method.toUpperCase();
    const pathname = new URL(incoming.url).pathname.slice(REST_BASE_PATH.length) || "/";

    const allowed = allowedMethods(appRouter, pathname);
    if (allowed.length === 0) {
      return restErrorResponse(404, { message: `No API route ${pathname}.`, code: "NOT_FOUND", fieldErrors: null });
    }
    const servable = allowed.includes(method) || (method === "HEAD" && allowed.includes("GET"));
    if (!servable) {
      return restErrorResponse(
        405,
        { message: `${method} is not allowed here; use ${allowed.join(", ")}.`, code: "METHOD_NOT_SUPPORTED", fieldErrors: null },
        { Allow: allowed.join(", ") },
      );
    }

    let body: Uint8Array | null = null;
    let headers = incoming.headers;
    // The adapter would read the whole body itself and ignore maxBodySize, so the limit is enforced here.
    if (method !== "GET" && method !== "HEAD") {
      body = await readBodyWithLimit(incoming, REST_MAX_BODY_BYTES);
      if (!body) return tooLarge();
      // No body and no Content-Type means "nothing beyond the path" (POST /offers/{id}/accept): generated
      // clients such as openapi-fetch send exactly that for an operation without a request body, and the
      // adapter would answer 415. A non-empty body must still be JSON.
      if (body.byteLength === 0 && !headers.has("content-type")) {
        headers = new Headers(headers);
        headers.set("content-type", "application/json");
        body = new TextEncoder().encode("{}");
      }
    }

    let failed = false;
    const http: HttpContext = { transport: "rest", resHeaders: new Headers(), limiter: opts.limiter };
    const res = await call(incoming, body, headers, {
      createContext: () => createContext({ headers, db: opts.db, http }),
      onError: (error, ctx) => {
        failed = true;
        // Procedure errors are logged by the tRPC middleware; this catches failures before it ran.
        if (error.code === "INTERNAL_SERVER_ERROR" && !ctx) console.error("[rest]", error.cause ?? error);
      },
    });
    return restResponse(res, failed, http.resHeaders);
  }
}
