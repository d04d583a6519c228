import { createOpenApiFetchHandler } from "trpc-to-openapi";
import type { PrismaClient } from "@/server/db";
import { appRouter } from "@/server/api/root";
import { createContext, type HttpContext } from "@/server/api/trpc";
import { DB_UNAVAILABLE_RETRY_AFTER_S } from "@/server/db-errors";
import type { RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import {
  REST_BASE_PATH,
  REST_MAX_BODY_BYTES,
  allowedMethods,
  normaliseRestResponse,
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

export function createRestHandler(opts: RestHandlerOptions = {}): (req: Request) => Promise<Response> {
  return async function handler(incoming: Request): Promise<Response> {
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

    let req = incoming;
    // The adapter reads the whole body itself and ignores maxBodySize, so the limit is enforced here.
    if (method !== "GET" && method !== "HEAD") {
      const body = await readBodyWithLimit(incoming, REST_MAX_BODY_BYTES);
      if (!body) return tooLarge();
      // No body and no Content-Type means "nothing beyond the path" (POST /offers/{id}/accept): generated
      // clients such as openapi-fetch send exactly that for an operation without a request body, and the
      // adapter would answer 415. A non-empty body must still be JSON.
      const headers = new Headers(incoming.headers);
      const bare = body.byteLength === 0 && !headers.has("content-type");
      if (bare) headers.set("content-type", "application/json");
      req = new Request(incoming.url, { method, headers, body: bare ? "{}" : (body as BodyInit) });
    }

    let failed = false;
    const http: HttpContext = { transport: "rest", resHeaders: new Headers(), limiter: opts.limiter };
    const res = await createOpenApiFetchHandler({
      endpoint: REST_BASE_PATH,
      req,
      router: appRouter,
      createContext: ({ req: r }) => createContext({ headers: r.headers, db: opts.db, http }),
      onError: ({ error, ctx }) => {
        failed = true;
        // Procedure errors are logged by the tRPC middleware; this catches failures before it ran.
        if (error.code === "INTERNAL_SERVER_ERROR" && !ctx) console.error("[rest]", error.cause ?? error);
      },
      responseMeta: ({ errors, paths, data }) => {
        if (errors.some((e) => e.code === "SERVICE_UNAVAILABLE")) {
          return { status: 503, headers: { "Retry-After": String(DB_UNAVAILABLE_RETRY_AFTER_S) } };
        }
        if (errors.some((e) => e.code === "UNAUTHORIZED")) {
          return { headers: { "WWW-Authenticate": 'Bearer realm="muster", charset="UTF-8"' } };
        }
        const health = paths?.[0] === "system.health" ? (data[0] as { db?: string } | undefined) : undefined;
        if (health?.db === "down") return { status: 503 };
        return {};
      },
    });
    return normaliseRestResponse(res, failed, http.resHeaders);
  };
}
