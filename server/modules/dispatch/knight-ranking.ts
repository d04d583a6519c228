import { knightReliability } from "@/server/modules/knights/knight-record";

/**
 * Order of eligible knights for an offer: nearest first, nudged by the knight's record. The nudge is a
 * distance penalty of at most MAX_PENALTY_M (a knight with a poor record loses to a reliable one only
 * when they are within about a kilometre of each other), so dispatch stays "nearest eligible" in spirit.
 * Reliability (completed vs no-shows, smoothed with a prior) is the knights module's; frequent declining
 * costs a little too (smoothed, +2 in the denominator).
 */
export type RankableKnight = { id: string; distanceM: number; completedCount: number; noShowCount: number; declinedCount: number };

export const UNRELIABILITY_PENALTY_M = 800;
export const DECLINE_PENALTY_M = 200;
export const MAX_PENALTY_M = UNRELIABILITY_PENALTY_M + DECLINE_PENALTY_M;

export function recordPenaltyM(k: Omit<RankableKnight, "id" | "distanceM">): number {
  const tasks = k.completedCount + k.noShowCount;
  const declineRate = k.declinedCount / (k.declinedCount + tasks + 2);
  return UNRELIABILITY_PENALTY_M * (1 - knightReliability(k)) + DECLINE_PENALTY_M * declineRate;
}

export function rankKnights<T extends RankableKnight>(knights: readonly T[]): T[] {
  return knights
    .map((k) => ({ k, score: k.distanceM + recordPenaltyM(k) }))
    .sort((a, b) => a.score - b.score || a.k.distanceM - b.k.distanceM || (a.k.id < b.k.id ? -1 : a.k.id > b.k.id ? 1 : 0))
    .map((x) => x.k);
}
