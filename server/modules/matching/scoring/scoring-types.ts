import type { Candidate } from "@/server/modules/matching/match-types";

export type BreakdownPart = { value: number; weight: number };
export type ScoreBreakdown = {
  eta: BreakdownPart;
  capabilityFit: BreakdownPart;
  reliability: BreakdownPart;
  cost: BreakdownPart;
  fairness: BreakdownPart;
};

export type ScoredCandidate = Candidate & {
  /** 0–100, higher is better; on-time candidates ≥ 50 > every late one */
  score: number;
  breakdown: ScoreBreakdown;
  etaMinutes: number;
  /** needed-by minus arrival, minutes; negative = late */
  slackMinutes: number;
  explanation: { zh: string; en: string };
};

export type MetricLabel = { unit: string; labelZh: string; labelEn: string };

export type ScoringContext = {
  now: Date;
  /** live assignments per supplier key (org id, else owner user id); overrides Candidate.activeAssignments */
  supplierLoad?: Record<string, number>;
  /** capability labels for explanations (ResourceType.metrics by key); the key itself when missing */
  metrics?: Record<string, MetricLabel>;
};

/** The key fairness counts load under: the owning organisation, else the individual owner. */
export function supplierKey(c: Pick<Candidate, "orgId" | "ownerUserId" | "resourceId">): string {
  return c.orgId ?? c.ownerUserId ?? c.resourceId;
}
