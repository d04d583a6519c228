import { z } from "zod";
import { ZQuote } from "@/lib/schemas/orders";

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
  incidentId: z.string(),
  title: z.string(),
  priority: z.string(),
  /** Units still to fill when the proposal was made (quantity − committed − on offer). */
  quantityOpen: z.number(),
  proposed: z.number(),
  unfilled: z.number(),
  stagingLat: z.number(),
  stagingLng: z.number(),
});

export const ZProposalAssignment = z.object({
  id: z.string(),
  needId: z.string(),
  resourceId: z.string(),
  resourceTitle: z.string(),
  /** The listing's English title (null when it has none; lib/i18n/localized-name.ts picks). */
  resourceTitleEn: z.string().nullable(),
  /** Owning organisation's name (null for an individual's listing). */
  supplierName: z.string().nullable(),
  supplierNameEn: z.string().nullable(),
  /** The listing's base location, rounded to ~100 m (a map marker, not a person's position). */
  resourceLat: z.number().nullable(),
  resourceLng: z.number().nullable(),
  quantity: z.number(),
  unitIndex: z.number().nullable(),
  score: z.number(),
  windowStart: z.date(),
  windowEnd: z.date(),
  explanationZh: z.string().nullable(),
  explanationEn: z.string().nullable(),
  /** Paid needs: the quote the supplier will receive (frozen when proposed). */
  quote: ZQuote.nullable(),
});

export const ZProposalDto = z.object({
  incidentId: z.string(),
  /** Auto mode: proposing sends every offer at once. */
  autoDispatch: z.boolean(),
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
  /** Rows offered at once because the incident is in auto mode (they are no longer in `assignments`). */
  autoOffered: z.number(),
});
export type TProposeResult = z.infer<typeof ZProposeResult>;

/** Area scope: open needs staged within `radiusKm` of a point and needed within `withinMinutes`, across incidents. */
export const AREA_MAX_RADIUS_KM = 100;
export const AREA_MAX_WINDOW_MINUTES = 24 * 60;
export const ZProposeAreaAssignmentInput = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radiusKm: z.number().positive().max(AREA_MAX_RADIUS_KM),
  /** Needs whose needed-by is at most this many minutes from now (already due ones included). */
  withinMinutes: z.number().int().min(1).max(AREA_MAX_WINDOW_MINUTES).default(120),
  poolSize: z.number().int().min(1).max(200).optional(),
  timeLimitMs: z.number().int().min(10).max(30_000).optional(),
});
export type TProposeAreaAssignmentInput = z.input<typeof ZProposeAreaAssignmentInput>;

export const ZAreaProposeResult = ZProposeResult.omit({ incidentId: true, autoDispatch: true }).extend({
  /** The incidents whose needs were solved jointly (only incidents the caller dispatches for). */
  incidents: z.array(z.object({ id: z.string(), title: z.string(), autoDispatch: z.boolean() })),
});
export type TAreaProposeResult = z.infer<typeof ZAreaProposeResult>;

export const ZDropProposalInput = z.object({ assignmentId: z.string().min(1).max(64) });
export type TDropProposalInput = z.infer<typeof ZDropProposalInput>;

export const ZReplaceProposalInput = z.object({ assignmentId: z.string().min(1).max(64), resourceId: z.string().min(1).max(64) });
export type TReplaceProposalInput = z.infer<typeof ZReplaceProposalInput>;

export const ZSetAutoDispatchInput = z.object({ incidentId: z.string().min(1).max(64), on: z.boolean() });
export type TSetAutoDispatchInput = z.infer<typeof ZSetAutoDispatchInput>;

export const ZIncidentAssignmentsInput = z.object({ incidentId: z.string().min(1).max(64) });
export type TIncidentAssignmentsInput = z.infer<typeof ZIncidentAssignmentsInput>;

/** One offered/booked assignment on the incident page (lifecycle as the supplier reports it). */
export const ZIncidentAssignment = z.object({
  id: z.string(),
  needId: z.string(),
  status: z.string(),
  quantity: z.number(),
  resourceTitle: z.string(),
  resourceTitleEn: z.string().nullable(),
  supplierName: z.string().nullable(),
  supplierNameEn: z.string().nullable(),
  holdExpiresAt: z.date().nullable(),
  declineReason: z.string().nullable(),
  updatedAt: z.date(),
  /** Requisitioned resources (REIMBURSABLE needs): the decision's number; its page holds the evidence and claim. */
  requisitionNumber: z.string().nullable(),
});
export type TIncidentAssignment = z.infer<typeof ZIncidentAssignment>;
