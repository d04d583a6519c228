import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZMatchCandidatesInput, ZMatchResult } from "@/lib/schemas/matching";
import { matchCandidates } from "@/server/modules/matching/match-candidates";

/** Matching: ranked, explained candidates for a need (read-only; offers are made elsewhere). */
export const matchRouter = createTRPCRouter({
  candidates: permissionProcedure("match.read")
    .meta({
      openapi: {
        method: "POST",
        path: "/needs/{id}/match",
        tags: ["matching"],
        protect: true,
        summary: "Ranked, explained candidates for a need",
        description: "Eligible resources near the need's staging point, scored (ETA, capability fit, reliability, cost, fairness) with a zh-CN and English explanation each. Read-only.",
      },
    })
    .input(ZMatchCandidatesInput)
    .output(ZMatchResult)
    .mutation(({ ctx, input }) => matchCandidates(ctx.db, ctx.actor, input)),
});
