import { z } from "zod";
import type { TCommandKpis, TResponseSegment } from "@/lib/schemas/command-kpis";
import type { TNeedPriority, TNeedStatus, TPaymentMode, TUnmetReason } from "@/lib/schemas/needs";

/**
 * After-action report (HSEEP AAR/IP structure) schemas, shared by the report page, the improvement-plan
 * form, tRPC and the CSV/PDF route handlers. Validation messages are keys of the `aar` namespace.
 */

export const ZAarInput = z.object({ incidentId: z.string().trim().min(1) });
export type TAarInput = z.infer<typeof ZAarInput>;

/** A calendar day, YYYY-MM-DD (the plan's dates carry no time of day). */
const ZDay = z.string({ error: "errors.dateInvalid" }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "errors.dateInvalid" }).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: "errors.dateInvalid" });

const improvementFields = {
  incidentId: z.string().trim().min(1),
  findingKey: z.string().trim().max(120).nullable().optional(),
  issue: z.string({ error: "errors.issueRequired" }).trim().min(3, { error: "errors.issueRequired" }).max(500, { error: "errors.tooLong" }),
  correctiveAction: z.string({ error: "errors.actionRequired" }).trim().min(3, { error: "errors.actionRequired" }).max(1000, { error: "errors.tooLong" }),
  responsibleOrgId: z.string({ error: "errors.orgRequired" }).trim().min(1, { error: "errors.orgRequired" }),
  pointOfContact: z.string().trim().max(120, { error: "errors.tooLong" }).nullable().optional(),
  startDate: ZDay,
  completionDate: ZDay.nullable().optional(),
};

const datesInOrder = (v: { startDate: string; completionDate?: string | null }) => !v.completionDate || v.completionDate >= v.startDate;

export const ZCreateImprovementItemInput = z.object(improvementFields).refine(datesInOrder, { error: "errors.datesOrder", path: ["completionDate"] });
export type TCreateImprovementItemInput = z.infer<typeof ZCreateImprovementItemInput>;

export const ZUpdateImprovementItemInput = z.object({ ...improvementFields, id: z.string().trim().min(1) }).refine(datesInOrder, { error: "errors.datesOrder", path: ["completionDate"] });
export type TUpdateImprovementItemInput = z.infer<typeof ZUpdateImprovementItemInput>;

export const ZDeleteImprovementItemInput = z.object({ incidentId: z.string().trim().min(1), id: z.string().trim().min(1) });
export type TDeleteImprovementItemInput = z.infer<typeof ZDeleteImprovementItemInput>;

export type TImprovementItem = {
  id: string;
  findingKey: string | null;
  issue: string;
  correctiveAction: string;
  responsibleOrgId: string;
  responsibleOrgName: string;
  pointOfContact: string | null;
  startDate: string;
  completionDate: string | null;
};

// ── The report ──

export const FINDING_KINDS = ["STRENGTH", "IMPROVEMENT"] as const;
export type TFindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_RULES = ["SEGMENT_WITHIN", "SEGMENT_SLOW", "NEED_TYPE_FILLED", "NEED_TYPE_UNMET", "HIGH_DECLINE_RATE", "HIGH_ACCEPTANCE_RATE"] as const;
export type TFindingRule = (typeof FINDING_RULES)[number];

/** An audit event behind a finding: its place in the hash chain and what it records. */
export type TFindingEvidence = { seq: string; at: Date; action: string; needId: string | null; assignmentId: string | null };

export type TFinding = {
  /** Stable within a report (rule + need type + segment), so an improvement item can name it. */
  key: string;
  kind: TFindingKind;
  rule: TFindingRule;
  /** Need type key (type code, or `category:<CATEGORY>` for needs without a catalogue type); null = the incident as a whole. */
  typeKey: string | null;
  segment: TResponseSegment | null;
  /** The figures the rule read (seconds, counts, rates) for the sentence. */
  figures: Record<string, number>;
  /** Decline reasons, for HIGH_DECLINE_RATE. */
  reasons: { reason: string; count: number }[];
  evidence: TFindingEvidence[];
  /** Evidence rows left out after the cap (the timeline has them all). */
  evidenceMore: number;
};

export type TAarNeedType = {
  key: string;
  typeCode: string | null;
  category: string;
  nameZh: string;
  nameEn: string;
  needs: number;
  responseTimes: TCommandKpis["responseTimes"];
  funnel: TCommandKpis["funnel"]["total"];
};

export type TAarObjective = {
  needId: string;
  title: string;
  typeKey: string;
  quantity: number;
  unit: string;
  priority: TNeedPriority;
  status: TNeedStatus;
  neededBy: Date;
  filled: number;
  unmetReason: TUnmetReason | null;
};

export type TAarParticipant = { orgId: string; name: string; nameEn: string | null; kind: string; role: "LEAD" | "SUPPORT" | "SUPPLIER"; detail: string | null };

/**
 * One supplier's costs in one payment mode, in fen: amount is what the incident cost (PAID: charged after
 * reductions and refunds; REIMBURSABLE: compensation approved; PUBLIC_GOOD: in-kind value donated).
 */
export type TAarCostLine = { orgId: string | null; name: string; mode: TPaymentMode; amountCents: number; paidCents: number; outstandingCents: number; pendingCents: number };

export type TAarCosts = {
  paymentModes: { mode: TPaymentMode; needs: number; units: number }[];
  /** False for readers who may not see the incident's money (see aar-costs.ts): lists are then empty. */
  visible: boolean;
  bySupplier: TAarCostLine[];
  /** One line per mode (orgId null), PAID, REIMBURSABLE, PUBLIC_GOOD. */
  totals: TAarCostLine[];
  recoverable: { unitName: string; recoverableCents: number; recoveredCents: number; outstandingCents: number } | null;
};

export type TAarReport = {
  incident: {
    id: string;
    title: string;
    kind: string;
    severity: string;
    status: string;
    address: string;
    regionCode: string;
    regionNameZh: string;
    regionNameEn: string;
    hasArea: boolean;
    description: string;
    startedAt: Date;
    closedAt: Date | null;
    orgId: string;
    orgName: string;
  };
  /** First and last audit event of the incident (the period the report covers). */
  firstEventAt: Date | null;
  lastEventAt: Date | null;
  generatedAt: Date;
  objectives: TAarObjective[];
  participants: TAarParticipant[];
  /** Knights who took part (counted, never named). */
  knights: number;
  responseTimes: TCommandKpis["responseTimes"];
  funnel: TCommandKpis["funnel"]["total"];
  needTypes: TAarNeedType[];
  supplierResponses: TCommandKpis["supplierResponses"];
  findings: TFinding[];
  thresholds: Partial<Record<TResponseSegment, number>>;
  resourcesByCategory: TCommandKpis["committedByCategory"];
  resourcesBySupplier: { orgId: string | null; name: string; category: string; assignments: number; units: number }[];
  unmetDemand: TCommandKpis["unmetDemand"];
  costs: TAarCosts;
  improvementPlan: TImprovementItem[];
  /** Organisations an improvement item may name as responsible (the participants). */
  responsibleOrgs: { id: string; name: string }[];
  canEditPlan: boolean;
};
