import { createTRPCRouter } from "@/server/api/trpc";
import { commandKpiProcedures } from "@/server/api/routers/command-kpis";

/** The command centre (server/modules/command): KPIs and incident replay. */
export const commandRouter = createTRPCRouter({
  ...commandKpiProcedures,
});
