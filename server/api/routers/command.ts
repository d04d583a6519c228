import { createTRPCRouter } from "@/server/api/trpc";
import { commandKpiProcedures } from "@/server/api/routers/command-kpis";
import { commandAarRouter } from "@/server/api/routers/command-aar";

/** The command centre (server/modules/command): KPIs and incident replay. */
export const commandRouter = createTRPCRouter({
  ...commandKpiProcedures,
  aar: commandAarRouter,
});
