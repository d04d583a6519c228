import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZIncidentVolunteersInput, ZProposeVolunteerInput, ZVolunteerInput, ZWithdrawVolunteerInput, ZWorkBoardInput,
} from "@/lib/schemas/volunteers";
import { listIncidentVolunteers, proposeVolunteer } from "@/server/modules/volunteers/incident-volunteers";
import { offerToHelp, withdrawVolunteer } from "@/server/modules/volunteers/offer-to-help";
import { listWorkBoard } from "@/server/modules/volunteers/work-board";
import { searchNeedIds } from "@/server/modules/volunteers/board-text-search";

/** Suppliers find work (the board, offer to help, withdraw); dispatchers see and propose volunteered listings. */
export const volunteerRouter = createTRPCRouter({
  board: permissionProcedure("volunteer.offer")
    .input(ZWorkBoardInput)
    .query(({ ctx, input }) => listWorkBoard(ctx.db, ctx.actor, input, (q) => searchNeedIds(ctx.db, ctx.actor, q))),

  offer: permissionProcedure("volunteer.offer")
    .input(ZVolunteerInput)
    .mutation(({ ctx, input }) => offerToHelp(ctx.db, ctx.actor, input)),

  withdraw: permissionProcedure("volunteer.offer")
    .input(ZWithdrawVolunteerInput)
    .mutation(({ ctx, input }) => withdrawVolunteer(ctx.db, ctx.actor, input.id)),

  forIncident: permissionProcedure("match.assign")
    .input(ZIncidentVolunteersInput)
    .query(({ ctx, input }) => listIncidentVolunteers(ctx.db, ctx.actor, input.incidentId)),

  propose: permissionProcedure("match.assign")
    .input(ZProposeVolunteerInput)
    .mutation(({ ctx, input }) => proposeVolunteer(ctx.db, ctx.actor, input.id)),
});
