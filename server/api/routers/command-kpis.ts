import { permissionProcedure } from "@/server/api/trpc";
import { ZCommandKpis, ZCommandKpisInput } from "@/lib/schemas/command-kpis";
import { ZIncidentReplay, ZReplayIncidentInput, ZReplayVerifyResult } from "@/lib/schemas/command-replay";
import { loadCommandKpis } from "@/server/modules/command/kpis/load-command-kpis";
import { replayIncident, verifyIncidentReplay } from "@/server/modules/command/replay/replay-incident";

/**
 * The command centre's KPI and replay procedures, spread into the `command` router (command.ts), so the
 * map's procedures and these live in separate files. Thin: the access rules are in the modules.
 */
export const commandKpiProcedures = {
  /** KPI figures for a region (and below) and a time range; also REST v1 for government keys. */
  kpis: permissionProcedure("command.read")
    .meta({
      openapi: {
        method: "GET",
        path: "/command/regions/{regionCode}/kpis",
        tags: ["command"],
        protect: true,
        summary: "Command-centre KPIs for a region and a time range",
        description:
          "Open needs and fill rate by priority, the fill funnel, response-time segments (median and p90, seconds), unmet demand by type and reason, " +
          "supplier acceptance and decline, knights on duty by district (counts below 3 are null), resources committed by category. " +
          "`from`/`to` are ISO 8601 instants, at most 366 days apart. A government organisation's key sees its own region and the regions below it.",
      },
    })
    .input(ZCommandKpisInput)
    .output(ZCommandKpis)
    .query(({ ctx, input }) => loadCommandKpis(ctx.db, ctx.actor, input)),

  /** An incident's audit events for the replay slider (the incident's organisation, or its region's command centre). */
  replay: permissionProcedure("command.read")
    .input(ZReplayIncidentInput)
    .output(ZIncidentReplay)
    .query(({ ctx, input }) => replayIncident(ctx.db, ctx.actor, input.incidentId)),

  /** Recomputes the audit chain behind an incident's events and says whether it is intact. */
  verifyReplay: permissionProcedure("command.read")
    .input(ZReplayIncidentInput)
    .output(ZReplayVerifyResult)
    .mutation(({ ctx, input }) => verifyIncidentReplay(ctx.db, ctx.actor, input.incidentId)),
};
