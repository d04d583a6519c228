import { createTRPCRouter } from "@/server/api/trpc";
import { authRouter } from "@/server/api/routers/auth";
import { apiKeyRouter } from "@/server/api/routers/api-key";
import { catalogueRouter } from "@/server/api/routers/catalogue";
import { systemRouter } from "@/server/api/routers/system";
import { dashboardRouter } from "@/server/api/routers/dashboard";
import { orgRouter } from "@/server/api/routers/org";

/** Every router is registered here; each lives in server/api/routers/<noun>.ts. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  apiKey: apiKeyRouter,
  catalogue: catalogueRouter,
  system: systemRouter,
  dashboard: dashboardRouter,
  org: orgRouter,
});

export type AppRouter = typeof appRouter;
