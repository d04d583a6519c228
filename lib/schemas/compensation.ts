import { z } from "zod";
import { ZRecoveryStatus } from "@/lib/schemas/cost-recovery";

/**
 * Requisition with compensation (征用补偿) and public-good cost records: rate cards, the evidence captured at
 * dispatch, claims and their lines, the incident cost report. Shared by the pages, tRPC and REST v1.
 * Messages are keys of the "compensation" namespace (`errors.*`). Money is integer fen (cents).
 */

const ZId = z.string().trim().min(1).max(64);
const ZCents = z.number().int({ error: "errors.amount" }).min(0, { error: "errors.amount" }).max(1_000_000_000, { error: "errors.amount" });
const ZNote = z.string().trim().max(2000, { error: "errors.tooLong" });

export const RATE_UNITS = ["HOUR", "DAY"] as const;
export const CLAIM_LINE_KINDS = ["RENT", "OPERATOR", "STANDBY", "FUEL", "DAMAGE", "MATERIAL", "REPAIR", "OTHER"] as const;
/** Lines a supplier may add by hand (the others come from the evidence). */
export const SUPPLIER_LINE_KINDS = ["FUEL", "MATERIAL", "REPAIR", "OTHER"] as const;
export const CLAIM_LINE_STATUSES = ["PENDING", "APPROVED", "ADJUSTED", "DISPUTED", "DONATED"] as const;
export const CLAIM_STATUSES = ["OPEN", "FILED", "PAID"] as const;
export const EVIDENCE_STAGES = ["HANDOVER", "RETURN"] as const;

export const ZEvidenceStage = z.enum(EVIDENCE_STAGES).meta({ id: "EvidenceStage" });
export const ZClaimLineKind = z.enum(CLAIM_LINE_KINDS).meta({ id: "ClaimLineKind" });
export const ZClaimLineStatus = z.enum(CLAIM_LINE_STATUSES).meta({ id: "ClaimLineStatus" });
export const ZClaimStatus = z.enum(CLAIM_STATUSES).meta({ id: "ClaimStatus" });

// ── rate cards (admins) ──
export const ZCreateRateCardInput = z.object({
  typeId: ZId,
  rentUnit: z.enum(RATE_UNITS),
  rentCents: ZCents,
  operatorCentsPerHour: ZCents,
  fuelCentsPerKm: ZCents,
  /** Defaults to now; a future date schedules the new version. */
  effectiveFrom: z.coerce.date().optional(),
  note: z.string().trim().max(500, { error: "errors.tooLong" }).optional(),
});
export type TCreateRateCardInput = z.infer<typeof ZCreateRateCardInput>;

export const ZRateCardDto = z.object({
  id: z.string(),
  typeId: z.string(),
  version: z.number().int(),
  effectiveFrom: z.date(),
  rentUnit: z.enum(RATE_UNITS),
  rentCents: z.number().int(),
  operatorCentsPerHour: z.number().int(),
  fuelCentsPerKm: z.number().int(),
  currency: z.string(),
  note: z.string().nullable(),
});
export type TRateCardDto = z.infer<typeof ZRateCardDto>;

// ── evidence ──
export const ZConfirmEvidenceInput = z.object({
  assignmentId: ZId,
  stage: ZEvidenceStage,
  /** Condition notes; a change resets the other side's confirmation (they confirm what is written now). */
  note: ZNote.optional(),
  operatorCount: z.number().int().min(0).max(100).optional(),
  damageNote: ZNote.optional(),
  damageCents: ZCents.optional(),
  kmDriven: z.number().int().min(0).max(100_000).optional(),
});
export type TConfirmEvidenceInput = z.infer<typeof ZConfirmEvidenceInput>;

export const ZEvidencePhotoInput = z.object({
  assignmentId: ZId,
  stage: ZEvidenceStage,
  dataBase64: z.string().min(16, { error: "errors.fileInvalid" }).max(2_800_000, { error: "errors.fileTooLarge" }).regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: "errors.fileInvalid" }),
});
export type TEvidencePhotoInput = z.infer<typeof ZEvidencePhotoInput>;

export const ZAssignmentIdInput = z.object({ assignmentId: ZId });

// ── claims ──
export const ZClaimIdInput = z.object({ id: ZId });
export const ZListClaimsInput = z.object({
  incidentId: ZId.optional(),
  side: z.enum(["supplier", "requester"]).optional(),
});
export type TListClaimsInput = z.infer<typeof ZListClaimsInput>;

/** A receipt: a photo (JPEG/PNG/WebP ≤ 2 MB) or a PDF (≤ 5 MB), as plain base64; the type is read from the bytes. */
export const RECEIPT_MAX_BYTES = 5 * 1024 * 1024;
const ZReceiptBase64 = z
  .string()
  .min(16, { error: "errors.fileInvalid" })
  .max(Math.ceil(RECEIPT_MAX_BYTES / 3) * 4, { error: "errors.fileTooLarge" })
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: "errors.fileInvalid" });

export const ZAddClaimLineInput = z.object({
  id: ZId,
  kind: z.enum(SUPPLIER_LINE_KINDS),
  description: z.string().trim().min(1, { error: "errors.required" }).max(500, { error: "errors.tooLong" }),
  amountCents: ZCents.refine((n) => n > 0, { error: "errors.amount" }),
  receiptBase64: ZReceiptBase64.optional(),
});
export type TAddClaimLineInput = z.infer<typeof ZAddClaimLineInput>;

export const ZAddReceiptInput = z.object({ lineId: ZId, receiptBase64: ZReceiptBase64 });

export const ZDecideLineInput = z
  .object({
    lineId: ZId,
    decision: z.enum(["APPROVE", "ADJUST", "DISPUTE"]),
    /** ADJUST: the amount approved instead. */
    approvedCents: ZCents.optional(),
    /** Required to adjust or dispute. */
    reason: z.string().trim().max(500, { error: "errors.tooLong" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "APPROVE" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "errors.reasonRequired" });
    if (v.decision === "ADJUST" && v.approvedCents === undefined) ctx.addIssue({ code: "custom", path: ["approvedCents"], message: "errors.amount" });
  });
export type TDecideLineInput = z.infer<typeof ZDecideLineInput>;

export const ZRecordCostInput = z.object({
  assignmentId: ZId,
  kind: ZClaimLineKind,
  description: z.string().trim().min(1, { error: "errors.required" }).max(500, { error: "errors.tooLong" }),
  amountCents: ZCents.refine((n) => n > 0, { error: "errors.amount" }),
});
export type TRecordCostInput = z.infer<typeof ZRecordCostInput>;

export const ZReceiptDto = z.object({ id: z.string(), contentType: z.string(), byteSize: z.number().int() });

export const ZClaimLineDto = z
  .object({
    id: z.string(),
    kind: ZClaimLineKind,
    fromEvidence: z.boolean(),
    description: z.string(),
    quantity: z.number(),
    unit: z.string(),
    unitCents: z.number().int(),
    amountCents: z.number().int(),
    status: ZClaimLineStatus,
    approvedCents: z.number().int().nullable(),
    decisionReason: z.string().nullable(),
    decidedAt: z.date().nullable(),
    createdAt: z.date(),
    receipts: z.array(ZReceiptDto),
  })
  .meta({ id: "ClaimLine" });
export type TClaimLineDto = z.infer<typeof ZClaimLineDto>;

export const ZClaimDto = z
  .object({
    id: z.string(),
    assignmentId: z.string(),
    incidentId: z.string(),
    supplierOrgId: z.string(),
    requesterOrgId: z.string(),
    mode: z.enum(["PUBLIC_GOOD", "PAID", "REIMBURSABLE"]),
    status: ZClaimStatus,
    filedAt: z.date().nullable(),
    paidAt: z.date().nullable(),
    createdAt: z.date(),
    requisitionNumber: z.string().nullable(),
    resourceTitle: z.string(),
    claimedCents: z.number().int(),
    approvedCents: z.number().int(),
    lines: z.array(ZClaimLineDto),
  })
  .meta({ id: "CompensationClaim" });
export type TClaimDto = z.infer<typeof ZClaimDto>;

export const ZResponsibleUnitInput = z.object({
  incidentId: ZId,
  orgId: ZId.nullable().optional(),
  name: z.string().trim().max(200, { error: "errors.tooLong" }).nullable().optional(),
});
export type TResponsibleUnitInput = z.infer<typeof ZResponsibleUnitInput>;

export const ZIncidentIdInput = z.object({ incidentId: ZId });

/** Where the app reads one evidence photo or receipt (signed in, parties only). */
export const evidencePhotoUrl = (id: string) => `/api/compensation/photos/${encodeURIComponent(id)}`;
export const receiptUrl = (id: string) => `/api/compensation/receipts/${encodeURIComponent(id)}`;

// ── requisition (decision, handover inventory, return record) ──
export const ZRequisitionDto = z.object({
  id: z.string(),
  assignmentId: z.string(),
  number: z.string(),
  legalBasis: z.object({ zh: z.string(), en: z.string() }),
  decidedAt: z.date(),
  incident: z.object({ id: z.string(), title: z.string() }),
  requester: z.object({ id: z.string(), name: z.string() }),
  supplier: z.object({ id: z.string().nullable(), name: z.string() }),
  resource: z.object({ id: z.string(), title: z.string(), typeCode: z.string(), typeNameZh: z.string(), typeNameEn: z.string() }),
  need: z.object({ id: z.string(), title: z.string(), stagingAddress: z.string() }),
  rateCard: ZRateCardDto.nullable(),
  assignmentStatus: z.string(),
  lifecycle: z.object({
    acceptedAt: z.date().nullable(), mobilizedAt: z.date().nullable(), enRouteAt: z.date().nullable(), onSceneAt: z.date().nullable(),
    completedAt: z.date().nullable(), releasedAt: z.date().nullable(),
  }),
  operatingMinutes: z.number().int(),
  standbyMinutes: z.number().int(),
  handover: z.object({
    openedAt: z.date().nullable(), note: z.string().nullable(), operatorCount: z.number().int(),
    supplierConfirmedAt: z.date().nullable(), requesterConfirmedAt: z.date().nullable(),
    photos: z.array(z.object({ id: z.string(), contentType: z.string() })),
  }),
  return: z.object({
    openedAt: z.date().nullable(), note: z.string().nullable(), damageNote: z.string().nullable(), damageCents: z.number().int(), kmDriven: z.number().int(),
    supplierConfirmedAt: z.date().nullable(), requesterConfirmedAt: z.date().nullable(),
    photos: z.array(z.object({ id: z.string(), contentType: z.string() })),
  }),
  /** The side the caller acts for, if any (pages show its buttons). */
  myParty: z.enum(["SUPPLIER", "REQUESTER"]).nullable(),
  claimId: z.string().nullable(),
});
export type TRequisitionDto = z.infer<typeof ZRequisitionDto>;

// ── cost report ──
export const ZCostReportRow = z.object({
  claimId: z.string(), lineId: z.string(), supplierOrgId: z.string(), supplierName: z.string(), resourceTitle: z.string(),
  requisitionNumber: z.string().nullable(), mode: z.string(), claimStatus: z.string(), kind: z.string(), fromEvidence: z.boolean(),
  description: z.string(), quantity: z.number(), unit: z.string(), unitCents: z.number().int(), amountCents: z.number().int(), status: z.string(),
  approvedCents: z.number().int(), paidCents: z.number().int(), decisionReason: z.string().nullable(), createdAt: z.date(),
  outstandingDays: z.number().int().nullable(),
  evidence: z.object({
    handoverConfirmed: z.boolean(), returnConfirmed: z.boolean(), handoverPhotoIds: z.array(z.string()), returnPhotoIds: z.array(z.string()),
    damageNote: z.string().nullable(), receiptIds: z.array(z.string()),
  }),
});
export const ZCostReport = z
  .object({
    incident: z.object({ id: z.string(), title: z.string(), orgId: z.string(), orgName: z.string(), responsibleOrgId: z.string().nullable(), responsibleUnitName: z.string().nullable() }),
    generatedAt: z.date(),
    rows: z.array(ZCostReportRow),
    totals: z.object({
      claimedCents: z.number().int(), approvedCents: z.number().int(), paidCents: z.number().int(), pendingCents: z.number().int(),
      disputedCents: z.number().int(), donatedCents: z.number().int(), outstandingCents: z.number().int(),
    }),
    owed: z.array(z.object({ debtor: z.string(), creditor: z.string(), cents: z.number().int(), kind: z.enum(["compensation", "recoverable"]) })),
    recovery: ZRecoveryStatus,
  })
  .meta({ id: "IncidentCostReport" });
