/**
 * A knight's track record (pure). completionRate and noShowRate are over tasks the knight accepted and
 * either completed or failed to show for (declining an offer is free and does not count). `reliability`
 * smooths the completion rate with a prior of 4 good tasks out of 5, so one early no-show does not sink a
 * newcomer and a newcomer does not outrank a proven rider; it is in [0, 1] and is what dispatch ranking uses.
 */
export const RELIABILITY_PRIOR_COMPLETED = 4;
export const RELIABILITY_PRIOR_TASKS = 5;

export type KnightRecordInput = { completedCount: number; noShowCount: number };
export type KnightRecord = { completed: number; noShows: number; completionRate: number | null; noShowRate: number | null; reliability: number };

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function knightRecord(profile: KnightRecordInput): KnightRecord {
  const completed = Math.max(0, profile.completedCount);
  const noShows = Math.max(0, profile.noShowCount);
  const attempts = completed + noShows;
  return {
    completed,
    noShows,
    completionRate: attempts ? round3(completed / attempts) : null,
    noShowRate: attempts ? round3(noShows / attempts) : null,
    reliability: round3((completed + RELIABILITY_PRIOR_COMPLETED) / (attempts + RELIABILITY_PRIOR_TASKS)),
  };
}

/** The reliability factor alone, for the dispatch ranking (1 = always shows up). */
export function knightReliability(profile: KnightRecordInput): number {
  return knightRecord(profile).reliability;
}
