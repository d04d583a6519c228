import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZNeedTemplateList, ZNeedTemplatesInput } from "@/lib/schemas/incidents";
import { ZCreateNeedInput, ZNeedDto, ZNeedIdInput, ZSetNeedStatusInput, ZUpdateNeedInput } from "@/lib/schemas/needs";
import { createNeed } from "@/server/modules/needs/create-need";
import { getNeed } from "@/server/modules/needs/load-need";
import { approveNeed, setNeedStatus } from "@/server/modules/needs/set-need-status";
import { listNeedTemplates } from "@/server/modules/needs/templates";
import { updateNeed } from "@/server/modules/needs/update-need";

/** Needs on incidents, for the owning organisation (suppliers see needs only as offers or via search). */
export const needRouter = createTRPCRouter({
  get: permissionProcedure("incident.read")
    .meta({ openapi: { method: "GET", path: "/needs/{id}", tags: ["incidents"], protect: true, summary: "Read a need and its fill status" } })
    .input(ZNeedIdInput)
    .output(ZNeedDto)
    .query(({ ctx, input }) => getNeed(ctx.db, ctx.actor, input.id)),

  create: permissionProcedure("incident.write")
    .meta({ openapi: { method: "POST", path: "/incidents/{incidentId}/needs", tags: ["incidents"], protect: true, summary: "Add a need to an incident", errorResponses: { 409: "The incident is closed; it takes no new needs." } } })
    .input(ZCreateNeedInput)
    .output(ZNeedDto)
    .mutation(({ ctx, input }) => createNeed(ctx.db, ctx.actor, input)),

  update: permissionProcedure("incident.write")
    .input(ZUpdateNeedInput)
    .output(ZNeedDto)
    .mutation(({ ctx, input }) => updateNeed(ctx.db, ctx.actor, input)),

  setStatus: permissionProcedure("incident.write")
    .input(ZSetNeedStatusInput)
    .output(ZNeedDto)
    .mutation(({ ctx, input }) => setNeedStatus(ctx.db, ctx.actor, input)),

  approve: permissionProcedure("incident.write")
    .input(ZNeedIdInput)
    .output(ZNeedDto)
    .mutation(({ ctx, input }) => approveNeed(ctx.db, ctx.actor, input.id)),

  templates: permissionProcedure("incident.read")
    .input(ZNeedTemplatesInput)
    .output(ZNeedTemplateList)
    .query(({ ctx, input }) => listNeedTemplates(ctx.db, input)),
});
