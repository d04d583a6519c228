import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZAarInput, ZCreateImprovementItemInput, ZDeleteImprovementItemInput, ZUpdateImprovementItemInput } from "@/lib/schemas/aar";
import { loadAar } from "@/server/modules/command/aar/load-aar";
import { createImprovementItem, deleteImprovementItem, updateImprovementItem } from "@/server/modules/command/aar/improvement-plan";

/**
 * The after-action report (command.aar.*). Thin: who may read (the incident's organisations, admins, the
 * region's command centre) and who may edit the plan (the incident's organisation) are in the module.
 */
export const commandAarRouter = createTRPCRouter({
  get: permissionProcedure("incident.read")
    .input(ZAarInput)
    .query(({ ctx, input }) => loadAar(ctx.db, ctx.actor, input.incidentId)),

  createItem: permissionProcedure("incident.write")
    .input(ZCreateImprovementItemInput)
    .mutation(({ ctx, input }) => createImprovementItem(ctx.db, ctx.actor, input)),

  updateItem: permissionProcedure("incident.write")
    .input(ZUpdateImprovementItemInput)
    .mutation(({ ctx, input }) => updateImprovementItem(ctx.db, ctx.actor, input)),

  deleteItem: permissionProcedure("incident.write")
    .input(ZDeleteImprovementItemInput)
    .mutation(({ ctx, input }) => deleteImprovementItem(ctx.db, ctx.actor, input)),
});
