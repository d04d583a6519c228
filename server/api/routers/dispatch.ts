import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZCreateHazardZoneInput, ZDispatchBoard, ZDispatchNeedInput, ZDispatchStatus, ZHazardZoneDto, ZHazardZoneIdInput, ZKnightTaskActionInput,
  ZKnightTaskResult, ZListHazardZonesInput, ZUpdateHazardZoneInput,
} from "@/lib/schemas/dispatch";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { getDispatchBoard } from "@/server/modules/dispatch/dispatch-board";
import { cancelKnightTask, markKnightNoShow } from "@/server/modules/dispatch/cancel-task";
import { createHazardZone, deactivateHazardZone, listHazardZones, updateHazardZone } from "@/server/modules/dispatch/hazard-zones";

/** Knight dispatch, dispatcher side: waves, the board, cancel / no-show, hazard zones. */
export const dispatchRouter = createTRPCRouter({
  start: permissionProcedure("dispatch.manage")
    .input(ZDispatchNeedInput)
    .output(ZDispatchStatus)
    .mutation(({ ctx, input }) => startDispatch(ctx.db, ctx.actor, input.needId)),

  board: permissionProcedure("dispatch.manage")
    .input(ZDispatchNeedInput)
    .output(ZDispatchBoard)
    .query(({ ctx, input }) => getDispatchBoard(ctx.db, ctx.actor, input.needId)),

  cancelTask: permissionProcedure("dispatch.manage")
    .input(ZKnightTaskActionInput)
    .output(ZKnightTaskResult)
    .mutation(({ ctx, input }) => cancelKnightTask(ctx.db, ctx.actor, input)),

  markNoShow: permissionProcedure("dispatch.manage")
    .input(ZKnightTaskActionInput)
    .output(ZKnightTaskResult)
    .mutation(({ ctx, input }) => markKnightNoShow(ctx.db, ctx.actor, input)),

  hazard: createTRPCRouter({
    list: permissionProcedure("hazard.manage")
      .input(ZListHazardZonesInput)
      .output(z.array(ZHazardZoneDto))
      .query(({ ctx, input }) => listHazardZones(ctx.db, ctx.actor, input)),

    create: permissionProcedure("hazard.manage")
      .input(ZCreateHazardZoneInput)
      .output(ZHazardZoneDto)
      .mutation(({ ctx, input }) => createHazardZone(ctx.db, ctx.actor, input)),

    update: permissionProcedure("hazard.manage")
      .input(ZUpdateHazardZoneInput)
      .output(ZHazardZoneDto)
      .mutation(({ ctx, input }) => updateHazardZone(ctx.db, ctx.actor, input)),

    deactivate: permissionProcedure("hazard.manage")
      .input(ZHazardZoneIdInput)
      .output(ZHazardZoneDto)
      .mutation(({ ctx, input }) => deactivateHazardZone(ctx.db, ctx.actor, input.id)),
  }),
});
