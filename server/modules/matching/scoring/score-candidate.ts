import type { Candidate, MatchNeed } from "@/server/modules/matching/match-types";
import { explainCandidate } from "@/server/modules/matching/scoring/explain";
import {
  capabilityComponent,
  costComponent,
  etaComponent,
  etaMinutesFor,
  fairnessComponent,
  reliabilityComponent,
} from "@/server/modules/matching/scoring/score-parts";
import { SCORING_CONFIG, SCORING_WEIGHTS, type ScoringWeights } from "@/server/modules/matching/scoring/scoring-config";
import { supplierKey, type ScoreBreakdown, type ScoredCandidate, type ScoringContext } from "@/server/modules/matching/scoring/scoring-types";

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Score one eligible candidate for a need (pure). Components are 0–1, combined by the weights; arriving
 * by needed-by dominates: on-time candidates land in [50, 100], late ones in [0, 49] (and the ETA
 * component still prefers the less late).
 */
export function scoreCandidate(need: MatchNeed, c: Candidate, ctx: ScoringContext, weights: ScoringWeights = SCORING_WEIGHTS): ScoredCandidate {
  return explained(need, scoreParts(need, c, ctx, weights), ctx);
}

/**
 * The score without its explanation, plus the unrounded figures the explanation is written from. The candidate is
 * held, not copied: only the `limit` ranked first become full ScoredCandidate objects (a copy of the candidate's
 * ~30 fields each, which for all 50 of a pool cost more than the scoring).
 */
type Scored = Pick<ScoredCandidate, "score" | "breakdown" | "etaMinutes" | "slackMinutes"> & {
  c: Candidate;
  raw: { etaMinutes: number; slackMinutes: number; load: number };
};

function explained(need: MatchNeed, s: Scored, ctx: ScoringContext): ScoredCandidate {
  // Object.assign, not `{ ...s.c, score, … }`: V8 spreads an object of this size and then adds fields ~15× slower
  const extra = { score: s.score, breakdown: s.breakdown, etaMinutes: s.etaMinutes, slackMinutes: s.slackMinutes, explanation: explainCandidate(need, s.c, ctx, s.raw) };
  return Object.assign({}, s.c, extra);
}

function scoreParts(need: MatchNeed, c: Candidate, ctx: ScoringContext, weights: ScoringWeights): Scored {
  const etaMinutes = etaMinutesFor(c);
  const arrival = ctx.now.getTime() + etaMinutes * 60_000;
  const slackMinutes = (need.neededBy.getTime() - arrival) / 60_000;
  const load = ctx.supplierLoad?.[supplierKey(c)] ?? c.activeAssignments;
  const values = {
    eta: etaComponent(etaMinutes),
    capabilityFit: capabilityComponent(need, c),
    reliability: reliabilityComponent(c),
    cost: costComponent(need, c),
    fairness: fairnessComponent(load),
  };
  const totalWeight = weights.eta + weights.capabilityFit + weights.reliability + weights.cost + weights.fairness;
  const weighted =
    totalWeight > 0
      ? (values.eta * weights.eta +
          values.capabilityFit * weights.capabilityFit +
          values.reliability * weights.reliability +
          values.cost * weights.cost +
          values.fairness * weights.fairness) /
        totalWeight
      : 0;
  const onTime = slackMinutes >= 0;
  const score = onTime
    ? SCORING_CONFIG.onTimeFloor + (100 - SCORING_CONFIG.onTimeFloor) * weighted
    : SCORING_CONFIG.lateCeiling * weighted;
  const breakdown: ScoreBreakdown = {
    eta: { value: r4(values.eta), weight: weights.eta },
    capabilityFit: { value: r4(values.capabilityFit), weight: weights.capabilityFit },
    reliability: { value: r4(values.reliability), weight: weights.reliability },
    cost: { value: r4(values.cost), weight: weights.cost },
    fairness: { value: r4(values.fairness), weight: weights.fairness },
  };
  return {
    c,
    score: r2(score),
    breakdown,
    etaMinutes: r2(etaMinutes),
    slackMinutes: r2(slackMinutes),
    raw: { etaMinutes, slackMinutes, load },
  };
}

/**
 * Score and sort: best first (score, then earlier arrival, then resource id for a stable order). Only the
 * first `limit` are returned, and only those get their (zh + en) explanation written.
 */
export function rankCandidates(
  need: MatchNeed,
  candidates: readonly Candidate[],
  ctx: ScoringContext,
  opts: { weights?: ScoringWeights; limit?: number } = {},
): ScoredCandidate[] {
  return candidates
    .map((c) => scoreParts(need, c, ctx, opts.weights ?? SCORING_WEIGHTS))
    .sort((a, b) => b.score - a.score || a.etaMinutes - b.etaMinutes || (a.c.resourceId < b.c.resourceId ? -1 : a.c.resourceId > b.c.resourceId ? 1 : 0))
    .slice(0, opts.limit ?? candidates.length)
    .map((s) => explained(need, s, ctx));
}
