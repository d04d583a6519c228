import type { Candidate, MatchNeed } from "@/server/modules/matching/match-types";
import { SCORING_CONFIG as K } from "@/server/modules/matching/scoring/scoring-config";

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** km/h used for the ETA: the resource's own speed, else its category's default. */
export function speedFor(c: Pick<Candidate, "speedKmh" | "category">): number {
  if (c.speedKmh !== null && c.speedKmh > 0) return c.speedKmh;
  return K.defaultSpeedKmh[c.category] ?? K.fallbackSpeedKmh;
}

/** Minutes from now until on scene: mobilisation lead time + road distance ÷ speed. */
export function etaMinutesFor(c: Pick<Candidate, "speedKmh" | "category" | "distanceKm" | "mobilizationMinutes">): number {
  return c.mobilizationMinutes + ((c.distanceKm * K.roadFactor) / speedFor(c)) * 60;
}

export function etaComponent(etaMinutes: number): number {
  return K.etaHalfMinutes / (K.etaHalfMinutes + Math.max(0, etaMinutes));
}

/** Fit of one capability: enough and not grossly more. Below the minimum (should not happen after SQL) = 0. */
export function ratioFit(have: number, min: number): number {
  if (min <= 0) return 1;
  const ratio = have / min;
  if (ratio < 1) return 0;
  if (ratio <= K.bestRatioMax) return 1;
  return Math.max(K.overProvisionFloor, Math.sqrt(K.bestRatioMax / ratio));
}

export function capabilityComponent(need: Pick<MatchNeed, "requiredCapabilities" | "typeLevel">, c: Pick<Candidate, "capabilities" | "typeLevel">): number {
  const keys = Object.keys(need.requiredCapabilities);
  const fits = keys.map((k) => ratioFit(c.capabilities[k] ?? 0, need.requiredCapabilities[k]!));
  const base = fits.length === 0 ? 1 : fits.reduce((a, b) => a + b, 0) / fits.length;
  const levelsOver = need.typeLevel !== null ? Math.max(0, need.typeLevel - c.typeLevel) : 0;
  return base * K.levelOverProvision ** levelsOver;
}

/** Raw completion rate (null without history) — for the explanation. */
export function completionRate(c: Pick<Candidate, "completedCount" | "declinedCount" | "offeredCount">): number | null {
  const offered = Math.max(c.offeredCount, c.completedCount + c.declinedCount);
  return offered > 0 ? c.completedCount / offered : null;
}

/** Bayesian-smoothed completion (declines count against) blended with the smoothed rating. */
export function reliabilityComponent(c: Pick<Candidate, "completedCount" | "declinedCount" | "offeredCount" | "ratingAvg" | "ratingCount">): number {
  const offered = Math.max(c.offeredCount, c.completedCount + c.declinedCount);
  const completion = (c.completedCount + K.priorCompletionRate * K.priorOffers) / (offered + K.priorOffers);
  const n = c.ratingAvg === null ? 0 : c.ratingCount;
  const rating = ((c.ratingAvg ?? 0) * n + K.priorRating * K.priorRatings) / (n + K.priorRatings);
  return clamp01(K.completionShare * completion + (1 - K.completionShare) * ((rating - 1) / 4));
}

/** Estimated price of the job in cents (per unit), from the resource's pricing. */
export function estimateCostCents(need: Pick<MatchNeed, "durationMinutes">, c: Pick<Candidate, "pricingMode" | "priceCents" | "distanceKm">): number {
  switch (c.pricingMode) {
    case "HOURLY":
      return c.priceCents * Math.ceil(need.durationMinutes / 60);
    case "DAILY":
      return c.priceCents * Math.ceil(need.durationMinutes / 1440);
    case "PER_USE":
      return c.priceCents;
    case "PER_KM":
      return Math.round(c.priceCents * c.distanceKm * K.roadFactor * 2);
    default:
      return 0;
  }
}

export function costComponent(need: Pick<MatchNeed, "paymentMode" | "durationMinutes">, c: Pick<Candidate, "pricingMode" | "priceCents" | "distanceKm">): number {
  if (need.paymentMode !== "PAID") return 1;
  return K.costRefCents / (K.costRefCents + estimateCostCents(need, c));
}

export function fairnessComponent(load: number): number {
  return K.fairnessHalfLoad / (K.fairnessHalfLoad + Math.max(0, load));
}
