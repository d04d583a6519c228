import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { AppError } from "@/server/errors";
import { DB_UNAVAILABLE_RETRY_AFTER_S } from "@/server/db-errors";
import { toTRPCError } from "@/server/api/trpc";

/**
 * An error raised before a plain route's response (the live stream) as a JSON body with its HTTP status,
 * through the same mapping tRPC uses (AppError code → tRPC code → status; unreachable database → 503 with
 * Retry-After), so every entry point answers alike. `headers`: e.g. RateLimit-* set by limitRequest.
 */
export function httpErrorResponse(e: unknown, headers = new Headers()): Response {
  const mapped = toTRPCError(e);
  const error = mapped instanceof TRPCError ? mapped : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: mapped });
  const status = getHTTPStatusCodeFromError(error);
  // Never leak a stack trace or an internal message to clients.
  const internal = error.code === "INTERNAL_SERVER_ERROR";
  if (internal) console.error(error.cause ?? error);
  if (error.code === "SERVICE_UNAVAILABLE") headers.set("Retry-After", String(DB_UNAVAILABLE_RETRY_AFTER_S));
  headers.set("cache-control", "no-store");
  const fieldErrors = error.cause instanceof AppError ? (error.cause.fieldErrors ?? null) : null;
  const message = internal ? "Something went wrong on our side. Please try again." : error.message;
  return Response.json({ code: error.code, message, fieldErrors }, { status, headers });
}
