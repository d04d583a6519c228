import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZDropProposalInput, ZIncidentAssignmentsInput, ZProposeAreaAssignmentInput, ZProposeAssignmentInput, ZReadProposalInput, ZReplaceProposalInput,
  ZSetAutoDispatchInput,
} from "@/lib/schemas/matching-assign";
import { dropProposal, replaceProposal, setAutoDispatch } from "@/server/modules/matching/assign/adjust-proposal";
import { proposeAreaAssignment } from "@/server/modules/matching/assign/propose-area-assignment";
import { proposeIncidentAssignment } from "@/server/modules/matching/assign/propose-incident-assignment";
import { readIncidentAssignments } from "@/server/modules/matching/assign/read-incident-assignments";
import { readProposal } from "@/server/modules/matching/assign/read-proposal";

export const matchAssignRouter = createTRPCRouter({
  /** Solve the incident's open needs jointly and replace its PROPOSED assignments with the result (auto mode: and offer them). */
  propose: permissionProcedure("match.assign")
    .input(ZProposeAssignmentInput)
    .mutation(({ ctx, input }) =>
      proposeIncidentAssignment(ctx.db, ctx.actor, input.incidentId, { poolSize: input.poolSize, timeLimitMs: input.timeLimitMs }),
    ),

  /**
   * Solve jointly the open needs of every incident the caller dispatches for that are staged within a circle
   * and needed within a window, and replace those needs' PROPOSED assignments (auto-mode incidents: offer them).
   */
  proposeArea: permissionProcedure("match.assign")
    .input(ZProposeAreaAssignmentInput)
    .mutation(({ ctx, input }) => {
      const { poolSize, timeLimitMs, ...area } = input;
      return proposeAreaAssignment(ctx.db, ctx.actor, area, { poolSize, timeLimitMs });
    }),

  /** The incident's current PROPOSED set. */
  proposal: permissionProcedure("match.assign")
    .input(ZReadProposalInput)
    .query(({ ctx, input }) => readProposal(ctx.db, ctx.actor, input.incidentId)),

  /** Take a proposed resource out of the proposal. */
  drop: permissionProcedure("match.assign")
    .input(ZDropProposalInput)
    .mutation(({ ctx, input }) => dropProposal(ctx.db, ctx.actor, input.assignmentId)),

  /** Swap a proposed resource for another eligible one (re-checked by the candidate query). */
  replace: permissionProcedure("match.assign")
    .input(ZReplaceProposalInput)
    .mutation(({ ctx, input }) => replaceProposal(ctx.db, ctx.actor, input)),

  /** Auto mode on/off for an incident. */
  setAutoDispatch: permissionProcedure("match.assign")
    .input(ZSetAutoDispatchInput)
    .mutation(({ ctx, input }) => setAutoDispatch(ctx.db, ctx.actor, input.incidentId, input.on)),

  /** Offered and booked assignments of the incident with their lifecycle status. */
  assignments: permissionProcedure("match.read")
    .input(ZIncidentAssignmentsInput)
    .query(({ ctx, input }) => readIncidentAssignments(ctx.db, ctx.actor, input.incidentId)),
});
