/**
 * Order of eligible knights for an offer: nearest first, nudged by the knight's record. The nudge is a
 * distance penalty of at most MAX_PENALTY_M (a knight with a poor record loses to a reliable one only
 * when they are within about a kilometre of each other), so dispatch stays "nearest eligible" in spirit.
 * Rates are smoothed (+2 in the denominator) so one early no-show does not bury a new rider.
 */
export type RankableKnight = { id: string; distanceM: number; completedCount: number; noShowCount: number; declinedCount: number };

export const NO_SHOW_PENALTY_M = 800;
export const DECLINE_PENALTY_M = 200;
export const MAX_PENALTY_M = NO_SHOW_PENALTY_M + DECLINE_PENALTY_M;

export function recordPenaltyM(k: Omit<RankableKnight, "id" | "distanceM">): number {
  const tasks = k.completedCount + k.noShowCount;
  const noShowRate = k.noShowCount / (tasks + 2);
  const declineRate = k.declinedCount / (k.declinedCount + tasks + 2);
  return NO_SHOW_PENALTY_M * noShowRate + DECLINE_PENALTY_M * declineRate;
}

/** Completion rate shown to dispatchers (null before the first finished or missed task). */
export function completionRate(k: { completedCount: number; noShowCount: number }): number | null {
  const tasks = k.completedCount + k.noShowCount;
  return tasks === 0 ? null : k.completedCount / tasks;
}

export function rankKnights<T extends RankableKnight>(knights: readonly T[]): T[] {
  return knights
    .map((k) => ({ k, score: k.distanceM + recordPenaltyM(k) }))
    .sort((a, b) => a.score - b.score || a.k.distanceM - b.k.distanceM || (a.k.id < b.k.id ? -1 : a.k.id > b.k.id ? 1 : 0))
    .map((x) => x.k);
}
