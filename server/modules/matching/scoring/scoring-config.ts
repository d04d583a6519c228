/**
 * Every knob of candidate scoring, in one place. Weights sum to 1; each component is 0–1.
 * Changing anything here changes the golden table (scoring.golden.test.ts) on purpose.
 */
export const SCORING_WEIGHTS = {
  eta: 0.4,
  capabilityFit: 0.2,
  reliability: 0.2,
  cost: 0.1,
  fairness: 0.1,
} as const;

export type ScoringWeights = { readonly [K in keyof typeof SCORING_WEIGHTS]: number };

export const SCORING_CONFIG = {
  /** road distance ≈ great-circle distance × this */
  roadFactor: 1.3,
  /** km/h when the resource has no speedKmh, by its category */
  defaultSpeedKmh: { EQUIPMENT: 40, TEAM: 50, EXPERT: 60, MATERIAL: 45, SERVICE: 45, KNIGHT: 20 } as Record<string, number>,
  fallbackSpeedKmh: 40,
  /** eta component = h / (h + etaMinutes): 1 at once, 0.5 at h minutes */
  etaHalfMinutes: 60,
  /** on-time candidates score 50–100; late ones 0–lateCeiling, so any on-time one outranks every late one */
  onTimeFloor: 50,
  lateCeiling: 49,
  /** capability ratio have/min in [1, bestRatioMax] is a perfect fit; above, sqrt(bestRatioMax / ratio), floored */
  bestRatioMax: 1.5,
  overProvisionFloor: 0.2,
  /** each type level more capable than asked multiplies the fit by this (a level-1 pump on a level-3 need) */
  levelOverProvision: 0.9,
  /** Bayesian prior: completion rate priorRate worth priorOffers offers; rating priorRating worth priorRatings */
  priorCompletionRate: 0.8,
  priorOffers: 5,
  priorRating: 4,
  priorRatings: 3,
  completionShare: 0.7,
  /** cost component = ref / (ref + estimated cents), PAID needs only (others: 1) */
  costRefCents: 100_000,
  /** fairness component = h / (h + live assignments of the supplier) */
  fairnessHalfLoad: 5,
} as const;
