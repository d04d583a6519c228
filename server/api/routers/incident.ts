import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZCreateIncidentInput,
  ZCreateIncidentResult,
  ZGetIncidentResult,
  ZIncidentIdInput,
  ZIncidentList,
  ZIncidentSummary,
  ZListIncidentsInput,
  ZSetIncidentStatusInput,
  ZUpdateIncidentInput,
} from "@/lib/schemas/incidents";
import { createIncident } from "@/server/modules/incidents/create-incident";
import { getIncident } from "@/server/modules/incidents/get-incident";
import { listIncidents } from "@/server/modules/incidents/list-incidents";
import { setIncidentStatus } from "@/server/modules/incidents/set-incident-status";
import { updateIncident } from "@/server/modules/incidents/update-incident";

/** Incidents of the caller's government organisation (admins read all). Create/read also over REST. */
export const incidentRouter = createTRPCRouter({
  list: permissionProcedure("incident.read")
    .input(ZListIncidentsInput)
    .output(ZIncidentList)
    .query(({ ctx, input }) => listIncidents(ctx.db, ctx.actor, input)),

  get: permissionProcedure("incident.read")
    .meta({ openapi: { method: "GET", path: "/incidents/{id}", tags: ["incidents"], protect: true, summary: "Read an incident with its needs and fill status" } })
    .input(ZIncidentIdInput)
    .output(ZGetIncidentResult)
    .query(({ ctx, input }) => getIncident(ctx.db, ctx.actor, input.id)),

  create: permissionProcedure("incident.write")
    .meta({
      openapi: {
        method: "POST",
        path: "/incidents",
        tags: ["incidents"],
        protect: true,
        summary: "Create an incident (optionally posting a template's needs)",
        description: "The key's organisation must be a verified government organisation.",
      },
    })
    .input(ZCreateIncidentInput)
    .output(ZCreateIncidentResult)
    .mutation(({ ctx, input }) => createIncident(ctx.db, ctx.actor, input)),

  update: permissionProcedure("incident.write")
    .input(ZUpdateIncidentInput)
    .output(ZIncidentSummary)
    .mutation(({ ctx, input }) => updateIncident(ctx.db, ctx.actor, input)),

  setStatus: permissionProcedure("incident.write")
    .input(ZSetIncidentStatusInput)
    .output(ZIncidentSummary)
    .mutation(({ ctx, input }) => setIncidentStatus(ctx.db, ctx.actor, input)),
});
