import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZAdvanceKnightTaskInput, ZAssignmentIdInput, ZCheckInResult, ZKnightTaskDetail, ZLeaderboard, ZLeaderboardInput, ZMyStanding,
  ZMyTasksInput, ZMyTasksResult, ZReportPositionInput, ZReportPositionResult, ZSetDeliveryCodeInput, ZTaskStageResult, ZTaskTrack,
} from "@/lib/schemas/knight-tasks";
import { reportKnightPosition } from "@/server/modules/knights/knight-position";
import { checkIn } from "@/server/modules/knights/knight-check-in";
import { advanceKnightTask, confirmKnightTask } from "@/server/modules/knights/advance-knight-task";
import { getMyTask, listMyTasks } from "@/server/modules/knights/knight-tasks-query";
import { setNeedDeliveryCode, trackKnightTask } from "@/server/modules/knights/track-task";
import { districtLeaderboard, myStanding } from "@/server/modules/knights/leaderboard";
import { ZRemoveTaskPhotoResult, ZTaskPhotoDto, ZTaskPhotoIdInput, ZUploadTaskPhotoInput } from "@/lib/schemas/task-photos";
import { removeTaskPhoto, uploadTaskPhoto } from "@/server/modules/knights/photos/task-photos";

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

  myTasks: permissionProcedure("knight.self")
    .input(ZMyTasksInput)
    .output(ZMyTasksResult)
    .query(({ ctx, input }) => listMyTasks(ctx.db, ctx.actor, input)),

  task: permissionProcedure("knight.self")
    .input(ZAssignmentIdInput)
    .output(ZKnightTaskDetail)
    .query(({ ctx, input }) => getMyTask(ctx.db, ctx.actor, input)),

  advance: permissionProcedure("knight.self")
    .input(ZAdvanceKnightTaskInput)
    .output(ZTaskStageResult)
    .mutation(({ ctx, input }) => advanceKnightTask(ctx.db, ctx.actor, input)),

  /**
   * A photo for the caller's own live task (read back from /api/task-photos/<id>). Base64 through tRPC rather
   * than a multipart route: the same permission middleware, zod bound (≈ 2.8 MB of text) and field errors
   * as every other knight step; the fetch adapter sets no body limit and the phone sends one photo per call.
   */
  uploadPhoto: permissionProcedure("knight.self")
    .input(ZUploadTaskPhotoInput)
    .output(ZTaskPhotoDto)
    .mutation(({ ctx, input }) => uploadTaskPhoto(ctx.db, ctx.actor, input)),

  removePhoto: permissionProcedure("knight.self")
    .input(ZTaskPhotoIdInput)
    .output(ZRemoveTaskPhotoResult)
    .mutation(({ ctx, input }) => removeTaskPhoto(ctx.db, ctx.actor, input)),

  leaderboard: permissionProcedure("knight.self")
    .input(ZLeaderboardInput)
    .output(ZLeaderboard)
    .query(({ ctx, input }) => districtLeaderboard(ctx.db, ctx.actor, input)),

  myStanding: permissionProcedure("knight.self")
    .output(ZMyStanding)
    .query(({ ctx }) => myStanding(ctx.db, ctx.actor)),

  track: permissionProcedure("knightTask.dispatch")
    .input(ZAssignmentIdInput)
    .output(ZTaskTrack)
    .query(({ ctx, input }) => trackKnightTask(ctx.db, ctx.actor, input)),

  confirmCompletion: permissionProcedure("knightTask.dispatch")
    .input(ZAssignmentIdInput)
    .output(ZTaskStageResult)
    .mutation(({ ctx, input }) => confirmKnightTask(ctx.db, ctx.actor, input)),

  setDeliveryCode: permissionProcedure("knightTask.dispatch")
    .input(ZSetDeliveryCodeInput)
    .output(z.object({ needId: z.string(), hasCode: z.boolean() }))
    .mutation(({ ctx, input }) => setNeedDeliveryCode(ctx.db, ctx.actor, input)),
});
