import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZProposeAssignmentInput, ZReadProposalInput } from "@/lib/schemas/matching-assign";
import { proposeIncidentAssignment } from "@/server/modules/matching/assign/propose-incident-assignment";
import { readProposal } from "@/server/modules/matching/assign/read-proposal";

export const matchAssignRouter = createTRPCRouter({
  /** Solve the incident's open needs jointly and replace its PROPOSED assignments with the result. */
  propose: permissionProcedure("match.assign")
    .input(ZProposeAssignmentInput)
    .mutation(({ ctx, input }) =>
      proposeIncidentAssignment(ctx.db, ctx.actor, input.incidentId, { poolSize: input.poolSize, timeLimitMs: input.timeLimitMs }),
    ),

  /** The incident's current PROPOSED set. */
  proposal: permissionProcedure("match.assign")
    .input(ZReadProposalInput)
    .query(({ ctx, input }) => readProposal(ctx.db, ctx.actor, input.incidentId)),
});
