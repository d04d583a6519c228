import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { OpenApiMeta } from "trpc-to-openapi";
import superjson from "superjson";
import { ZodError } from "zod";
import { getDb, waitForDatabase, type PrismaClient } from "@/server/db";
import { AppError, type AppErrorCode, type FieldErrors } from "@/server/errors";
import { DB_UNAVAILABLE_MESSAGE, isDbUnavailable } from "@/server/db-errors";
import type { Permission } from "@/server/auth/permissions";
import { requirePermission } from "@/server/auth/require-permission";
import type { Actor } from "@/server/auth/actor-type";
import { resolveActor, resolveApiKeyActorCountingHit } from "@/server/auth/actor";
import { clientIp } from "@/server/auth/client-ip";
import { apiKeyFromAuthorization } from "@/server/modules/api-keys/key-format";
import { DEFAULT_RATE_LIMITER, type RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import { checkRequestBudget, type PrecountedHit } from "@/server/modules/rate-limit/request-budget";

/** Set by the HTTP entry points (REST, tRPC, the live stream); in-process callers (RSC, tests) have none and are not rate-limited. */
export type HttpContext = {
  transport: "rest" | "trpc" | "sse";
  /** Headers added to the response (RateLimit-*, Retry-After). */
  resHeaders: Headers;
  limiter?: RateLimiter;
  /** A REST call's API-key hit, counted while the key was looked up (set by createContext). */
  precounted?: PrecountedHit | null;
};

export type Context = {
  db: PrismaClient;
  actor: Actor | null;
  headers: Headers;
  ip: string | null;
  http?: HttpContext;
};

export async function createContext(opts: { headers: Headers; db?: PrismaClient; http?: HttpContext }): Promise<Context> {
  const db = opts.db ?? getDb();
  const ip = clientIp(opts.headers);
  let actor: Actor | null;
  try {
    // A caller to resolve is a database read: while the database restarts, wait for it first (a few seconds at
    // most). Anonymous calls (the health check among them) go on at once.
    if (opts.headers.has("authorization") || opts.headers.has("cookie")) await waitForDatabase(db);
    // Every REST call is counted (request-budget.ts), so a key's hit is counted with its lookup, in one round
    // trip; limitRequests then judges that hit instead of counting again. tRPC calls (whose subscriptions are
    // free) count in limitRequests alone.
    const key = opts.http?.transport === "rest" ? apiKeyFromAuthorization(opts.headers.get("authorization")) : null;
    if (key && opts.http) {
      const found = await resolveApiKeyActorCountingHit(db, key, opts.http.limiter ?? DEFAULT_RATE_LIMITER);
      actor = found.actor;
      opts.http.precounted = found.hit;
    } else {
      actor = await resolveActor(db, opts.headers);
    }
  } catch (e) {
    // Resolving the caller is the first database read of every request: a restarting database is a 503 here too.
    throw toUnavailable(e) ?? e;
  }
  return { db, actor, headers: opts.headers, ip, http: opts.http };
}

/** Procedure meta: REST exposure (trpc-to-openapi) and the permission it needs (set by permissionProcedure). */
export type Meta = OpenApiMeta & { permission?: Permission };

const CODE_MAP: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  UNPROCESSABLE_CONTENT: "UNPROCESSABLE_CONTENT",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
};

export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fieldErrors =
        cause instanceof ZodError ? zodFieldErrors(cause) : cause instanceof AppError ? cause.fieldErrors : undefined;
      // Never leak a stack trace or an internal message to clients.
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: internal ? "Something went wrong on our side. Please try again." : shape.message,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, fieldErrors: fieldErrors ?? null },
      };
    },
  });

/** A database that is unreachable or restarting → SERVICE_UNAVAILABLE (503, Retry-After), else null. */
export function toUnavailable(e: unknown): TRPCError | null {
  if (e instanceof TRPCError && e.code === "SERVICE_UNAVAILABLE") return e;
  return isDbUnavailable(e) ? new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DB_UNAVAILABLE_MESSAGE, cause: e }) : null;
}

/** AppError → TRPCError, database unavailable → 503; anything else unchanged (also the plain routes' status: server/api/http-error.ts). */
export function toTRPCError(e: unknown): unknown {
  if (e instanceof AppError) return new TRPCError({ code: CODE_MAP[e.code], message: e.message, cause: e });
  return toUnavailable(e) ?? e;
}

/** The one place AppError codes (and an unreachable database: 503) become tRPC (and so HTTP) errors. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw toTRPCError(cause);
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      const unavailable = toUnavailable(cause);
      if (unavailable) {
        console.warn(`[muster] database unavailable: ${cause instanceof Error ? (cause.message.trim().split("\n").pop() ?? "") : "unknown"} (answered 503)`);
        throw unavailable;
      }
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") console.error(result.error.cause ?? result.error);
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Counts an HTTP request against its budget (server/modules/rate-limit/rate-limit-config.ts): over budget →
 * TOO_MANY_REQUESTS (429) with Retry-After; every counted response carries RateLimit-* headers. In-process
 * callers (no `http`) are not counted.
 */
export async function limitRequest(ctx: Context, type: "query" | "mutation" | "subscription"): Promise<void> {
  if (!ctx.http) return;
  // A precounted hit stands for this one request: taken once.
  const precounted = ctx.http.precounted;
  ctx.http.precounted = null;
  const outcome = await checkRequestBudget(ctx.db, ctx.http.limiter ?? DEFAULT_RATE_LIMITER, {
    actor: ctx.actor,
    ip: ctx.ip,
    presentedKey: apiKeyFromAuthorization(ctx.headers.get("authorization")) !== null,
    transport: ctx.http.transport,
    type,
  }, precounted);
  if (outcome) {
    for (const [name, value] of Object.entries(outcome.headers)) ctx.http.resHeaders.set(name, value);
    if (!outcome.allowed) throw new AppError("TOO_MANY_REQUESTS", outcome.message);
  }
}

/** Request budgets, before anything else runs. */
const limitRequests = t.middleware(async ({ ctx, type, next }) => {
  await limitRequest(ctx, type);
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(limitRequests);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** Deny by default: see requirePermission (roles, then an API key's scope). */
export function permissionProcedure(permission: Permission) {
  return protectedProcedure.meta({ permission }).use(({ ctx, next }) => {
    requirePermission(ctx.actor, permission);
    return next({ ctx });
  });
}
