import { z } from "zod";
import { createTRPCRouter, permissionProcedure, protectedProcedure, publicProcedure } from "@/server/api/trpc";
import { ZDashboardSummary, ZPublicStats, ZViewer } from "@/lib/schemas/dashboard";
import { getDashboardSummary } from "@/server/modules/dashboard/get-dashboard-summary";
import { getPublicStats } from "@/server/modules/dashboard/public-stats";
import { getViewer } from "@/server/modules/dashboard/viewer";

export const dashboardRouter = createTRPCRouter({
  /** Per-role figures for the signed-in person, each scoped to them. */
  summary: permissionProcedure("dashboard.read")
    .input(z.void())
    .output(ZDashboardSummary)
    .query(({ ctx }) => getDashboardSummary(ctx.db, ctx.actor)),

  /** Name, e-mail and roles for the app shell (top bar, user menu); any signed-in person may read their own. */
  viewer: protectedProcedure
    .input(z.void())
    .output(ZViewer)
    .query(({ ctx }) => getViewer(ctx.db, ctx.actor)),

  /** Aggregate figures for the public landing page; no sign-in needed, nothing personal. */
  publicStats: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/stats",
        tags: ["system"],
        protect: false,
        summary: "Public platform figures",
        description: "Verified organisations, available resources, knights and active incidents, plus the areas served.",
      },
    })
    .input(z.void())
    .output(ZPublicStats)
    .query(({ ctx }) => getPublicStats(ctx.db)),
});
