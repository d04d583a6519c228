import { createTRPCRouter } from "@/server/api/trpc";

/** Every router is registered here; each lives in server/api/routers/<noun>.ts. */
export const appRouter = createTRPCRouter({});

export type AppRouter = typeof appRouter;
