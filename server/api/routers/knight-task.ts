import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZAssignmentIdInput, ZCheckInResult, ZReportPositionInput, ZReportPositionResult } from "@/lib/schemas/knight-tasks";
import { reportKnightPosition } from "@/server/modules/knights/knight-position";
import { checkIn } from "@/server/modules/knights/knight-check-in";

/**
 * Knight tasks on duty. Knight procedures ("knight.self") act on the caller's own tasks only; dispatcher
 * procedures ("knightTask.dispatch") check the incident's organisation in the module. Outputs are parsed
 * by closed schemas, so no field outside the DTO (e.g. a knight position) can leak.
 */
export const knightTaskRouter = createTRPCRouter({
  reportPosition: permissionProcedure("knight.self")
    .input(ZReportPositionInput)
    .output(ZReportPositionResult)
    .mutation(({ ctx, input }) => reportKnightPosition(ctx.db, ctx.actor, input)),

  checkIn: permissionProcedure("knight.self")
    .input(ZAssignmentIdInput)
    .output(ZCheckInResult)
    .mutation(({ ctx, input }) => checkIn(ctx.db, ctx.actor, input)),
});
