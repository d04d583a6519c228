import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZKnightProfileDto, ZOnDutyResult, ZSetOnDutyInput, ZUpdateKnightProfileInput } from "@/lib/schemas/knight-profile";
import { getMyKnightProfile, setKnightOnDuty, updateMyKnightProfile } from "@/server/modules/knights/knight-profile";

/** A knight's own profile and on-duty switch. Outputs are parsed by closed schemas: no position leaks. */
export const knightRouter = createTRPCRouter({
  me: permissionProcedure("knight.self")
    .output(ZKnightProfileDto)
    .query(({ ctx }) => getMyKnightProfile(ctx.db, ctx.actor)),

  updateProfile: permissionProcedure("knight.self")
    .input(ZUpdateKnightProfileInput)
    .output(ZKnightProfileDto)
    .mutation(({ ctx, input }) => updateMyKnightProfile(ctx.db, ctx.actor, input)),

  setOnDuty: permissionProcedure("knight.self")
    .input(ZSetOnDutyInput)
    .output(ZOnDutyResult)
    .mutation(({ ctx, input }) => setKnightOnDuty(ctx.db, ctx.actor, input)),
});
