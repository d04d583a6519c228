import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { DB_UNAVAILABLE_RETRY_AFTER_S } from "@/server/db-errors";
import { inRequestOrder } from "@/server/db/request-order";

export const dynamic = "force-dynamic";
// Node runtime: Prisma over node-postgres. (Live events are not a tRPC subscription: app/api/live/route.ts.)
export const runtime = "nodejs";

function handler(req: Request) {
  return inRequestOrder(() => fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // Mutations are counted against the caller's request budget (server/modules/rate-limit); the limiter's
    // RateLimit-* headers ride on resHeaders.
    createContext: ({ resHeaders }) => createContext({ headers: req.headers, http: { transport: "trpc", resHeaders } }),
    // A restarting database answers 503: tell clients when to retry.
    responseMeta: ({ errors }) =>
      errors.some((e) => e.code === "SERVICE_UNAVAILABLE") ? { headers: { "Retry-After": String(DB_UNAVAILABLE_RETRY_AFTER_S) } } : {},
  }));
}

export { handler as GET, handler as POST };
