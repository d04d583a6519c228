import { z } from "zod";

/** Incident-wide assignment: inputs and the proposal DTO (tRPC `matchAssign.*`). */

export const ZProposeAssignmentInput = z.object({
  incidentId: z.string().min(1).max(64),
  /** Candidate pool per need (default 50). */
  poolSize: z.number().int().min(1).max(200).optional(),
  timeLimitMs: z.number().int().min(10).max(30_000).optional(),
});
export type TProposeAssignmentInput = z.infer<typeof ZProposeAssignmentInput>;

export const ZReadProposalInput = z.object({ incidentId: z.string().min(1).max(64) });
export type TReadProposalInput = z.infer<typeof ZReadProposalInput>;

const ZTierUnits = z.object({ LIFE_SAFETY: z.number(), URGENT: z.number(), ROUTINE: z.number() });
const ZObjective = z.object({ filled: ZTierUnits, totalCost: z.number() });

export const ZProposalNeed = z.object({
  needId: z.string(),
  title: z.string(),
  priority: z.string(),
  /** Units still to fill when the proposal was made (quantity − committed − on offer). */
  quantityOpen: z.number(),
  proposed: z.number(),
  unfilled: z.number(),
});

export const ZProposalAssignment = z.object({
  id: z.string(),
  needId: z.string(),
  resourceId: z.string(),
  resourceTitle: z.string(),
  quantity: z.number(),
  unitIndex: z.number().nullable(),
  score: z.number(),
  windowStart: z.date(),
  windowEnd: z.date(),
  explanationZh: z.string().nullable(),
  explanationEn: z.string().nullable(),
});

export const ZProposalDto = z.object({
  incidentId: z.string(),
  batchId: z.string().nullable(),
  needs: z.array(ZProposalNeed),
  assignments: z.array(ZProposalAssignment),
});
export type TProposalDto = z.infer<typeof ZProposalDto>;

export const ZProposeResult = ZProposalDto.extend({
  method: z.enum(["MIN_COST_FLOW", "GREEDY_FALLBACK"]),
  objective: ZObjective,
  greedy: ZObjective,
  gapVsGreedyPct: z.number(),
  greedyFillsFewer: z.boolean(),
  solveMs: z.number(),
});
export type TProposeResult = z.infer<typeof ZProposeResult>;
