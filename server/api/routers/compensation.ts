import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZAddClaimLineInput, ZAddReceiptInput, ZAssignmentIdInput, ZClaimDto, ZClaimIdInput, ZConfirmEvidenceInput, ZCostReport, ZCreateRateCardInput,
  ZDecideLineInput, ZEvidencePhotoInput, ZIncidentIdInput, ZListClaimsInput, ZRateCardDto, ZRecordCostInput, ZRequisitionDto, ZResponsibleUnitInput,
} from "@/lib/schemas/compensation";
import { ZReviewDto, ZSubmitReviewInput } from "@/lib/schemas/reviews";
import { ZRecordRecoveryInput, ZRecoveryStatus } from "@/lib/schemas/cost-recovery";
import { getClaim, getClaimOfAssignment, listClaims } from "@/server/modules/compensation/claim-read";
import { addClaimLine, addReceipt, assembleClaim, decideLine, fileClaim, markClaimPaid } from "@/server/modules/compensation/claims";
import { buildCostReport } from "@/server/modules/compensation/cost-report";
import { recordRecovery } from "@/server/modules/compensation/cost-recovery";
import { listPublicGoodAssignments, recordPublicGoodCost } from "@/server/modules/compensation/in-kind-costs";
import { createRateCard, listRateCards } from "@/server/modules/compensation/rate-cards";
import { getRequisition, listRequisitions } from "@/server/modules/compensation/requisition-read";
import { addEvidencePhoto, confirmEvidence } from "@/server/modules/compensation/requisitions";
import { setResponsibleUnit } from "@/server/modules/compensation/responsible-unit";
import { listReviews, submitReview } from "@/server/modules/reviews/submit-review";

const meta = (method: "GET" | "POST", path: `/${string}`, summary: string, errorResponses?: Record<number, string>) => ({
  openapi: { method, path, tags: ["compensation"], protect: true, summary, ...(errorResponses ? { errorResponses } : {}) },
});

/** Requisition with compensation: evidence, rate cards, claims, the cost report, reviews. */
export const compensationRouter = createTRPCRouter({
  // ── evidence (people, in the app) ──
  requisitions: permissionProcedure("requisition.evidence").query(({ ctx }) => listRequisitions(ctx.db, ctx.actor)),
  requisition: permissionProcedure("requisition.evidence").input(ZAssignmentIdInput).output(ZRequisitionDto)
    .query(({ ctx, input }) => getRequisition(ctx.db, ctx.actor, input.assignmentId)),
  confirmEvidence: permissionProcedure("requisition.evidence").input(ZConfirmEvidenceInput)
    .mutation(({ ctx, input }) => confirmEvidence(ctx.db, ctx.actor, input)),
  addEvidencePhoto: permissionProcedure("requisition.evidence").input(ZEvidencePhotoInput)
    .mutation(({ ctx, input }) => addEvidencePhoto(ctx.db, ctx.actor, input)),

  // ── rate cards ──
  rateCards: permissionProcedure("rateCard.read").input(z.object({ typeId: z.string().max(64).optional() })).output(z.array(ZRateCardDto))
    .query(({ ctx, input }) => listRateCards(ctx.db, input.typeId)),
  createRateCard: permissionProcedure("rateCard.manage").input(ZCreateRateCardInput).output(ZRateCardDto)
    .mutation(({ ctx, input }) => createRateCard(ctx.db, ctx.actor, input)),

  // ── claims (REST v1 too) ──
  listClaims: permissionProcedure("compensation.read")
    .meta(meta("GET", "/compensation/claims", "Your organisation's compensation claims (as supplier or requester)"))
    .input(ZListClaimsInput).output(z.array(ZClaimDto))
    .query(({ ctx, input }) => listClaims(ctx.db, ctx.actor, input)),
  getClaim: permissionProcedure("compensation.read")
    .meta(meta("GET", "/compensation/claims/{id}", "One compensation claim with its lines and receipts"))
    .input(ZClaimIdInput).output(ZClaimDto)
    .query(({ ctx, input }) => getClaim(ctx.db, ctx.actor, input.id)),
  claimOfAssignment: permissionProcedure("compensation.read").input(ZAssignmentIdInput).output(ZClaimDto.nullable())
    .query(({ ctx, input }) => getClaimOfAssignment(ctx.db, ctx.actor, input.assignmentId)),
  assembleClaim: permissionProcedure("compensation.claim")
    .meta(meta("POST", "/compensation/assignments/{assignmentId}/claim", "Assemble the supplier's claim from the requisition evidence", { 409: "Both sides have not yet confirmed the return." }))
    .input(ZAssignmentIdInput).output(ZClaimDto)
    .mutation(({ ctx, input }) => assembleClaim(ctx.db, ctx.actor, input.assignmentId)),
  addLine: permissionProcedure("compensation.claim")
    .meta(meta("POST", "/compensation/claims/{id}/lines", "Add a cost line (fuel, materials, repairs, other), optionally with a receipt", { 409: "The claim is closed.", 422: "The receipt is not a photo or PDF within the size limit." }))
    .input(ZAddClaimLineInput).output(ZClaimDto)
    .mutation(({ ctx, input }) => addClaimLine(ctx.db, ctx.actor, input)),
  addReceipt: permissionProcedure("compensation.claim").input(ZAddReceiptInput).output(ZClaimDto)
    .mutation(({ ctx, input }) => addReceipt(ctx.db, ctx.actor, input)),
  fileClaim: permissionProcedure("compensation.claim")
    .meta(meta("POST", "/compensation/claims/{id}/file", "File the claim with the requesting organisation", { 409: "The claim has already been filed." }))
    .input(ZClaimIdInput).output(ZClaimDto)
    .mutation(({ ctx, input }) => fileClaim(ctx.db, ctx.actor, input.id)),
  decideLine: permissionProcedure("compensation.decide")
    .meta(meta("POST", "/compensation/lines/{lineId}/decision", "Approve, adjust (with a reason) or dispute one claim line", { 409: "The claim is not filed, or the line was already approved or adjusted." }))
    .input(ZDecideLineInput).output(ZClaimDto)
    .mutation(({ ctx, input }) => decideLine(ctx.db, ctx.actor, input)),
  markPaid: permissionProcedure("compensation.decide")
    .meta(meta("POST", "/compensation/claims/{id}/paid", "Record that the approved total was paid", { 409: "The claim is not filed, or a line is still undecided." }))
    .input(ZClaimIdInput).output(ZClaimDto)
    .mutation(({ ctx, input }) => markClaimPaid(ctx.db, ctx.actor, input.id)),
  publicGoodAssignments: permissionProcedure("compensation.claim").query(({ ctx }) => listPublicGoodAssignments(ctx.db, ctx.actor)),
  recordCost: permissionProcedure("compensation.claim").input(ZRecordCostInput).output(ZClaimDto)
    .mutation(({ ctx, input }) => recordPublicGoodCost(ctx.db, ctx.actor, input)),

  // ── incident ──
  costReport: permissionProcedure("compensation.read")
    .meta(meta("GET", "/incidents/{incidentId}/cost-report", "The incident's compensation and cost report: every cost, its evidence, status and age; who owes whom"))
    .input(ZIncidentIdInput).output(ZCostReport)
    .query(({ ctx, input }) => buildCostReport(ctx.db, ctx.actor, input.incidentId)),
  setResponsibleUnit: permissionProcedure("compensation.decide").input(ZResponsibleUnitInput)
    .mutation(({ ctx, input }) => setResponsibleUnit(ctx.db, ctx.actor, input)),
  recordRecovery: permissionProcedure("compensation.decide").input(ZRecordRecoveryInput).output(ZRecoveryStatus)
    .mutation(({ ctx, input }) => recordRecovery(ctx.db, ctx.actor, input)),

  // ── reviews ──
  submitReview: permissionProcedure("review.write").input(ZSubmitReviewInput).output(ZReviewDto)
    .mutation(({ ctx, input }) => submitReview(ctx.db, ctx.actor, input)),
  reviews: permissionProcedure("compensation.read").input(ZAssignmentIdInput).output(z.array(ZReviewDto))
    .query(({ ctx, input }) => listReviews(ctx.db, ctx.actor, input.assignmentId)),
});
