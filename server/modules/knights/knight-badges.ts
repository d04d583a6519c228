import { knightRecord } from "@/server/modules/knights/knight-record";

/**
 * Badges are a pure function of the knight's record, so they never drift from it and need no table.
 * Names and descriptions live in the "knightDuty" message namespace under `badges.<CODE>`.
 */
export const BADGE_CODES = ["FIRST_TASK", "TASKS_10", "TASKS_50", "TASKS_100", "LIFESAVER", "RELIABLE", "NIGHT_OWL"] as const;
export type BadgeCode = (typeof BADGE_CODES)[number];

export const LIFESAVER_TASKS = 5;
export const NIGHT_OWL_TASKS = 5;
export const RELIABLE_MIN_TASKS = 10;
export const RELIABLE_MIN_RATE = 0.95;

export type BadgeInput = { completedCount: number; noShowCount: number; lifeSafetyCount: number; nightCount: number };

export function badgesFor(r: BadgeInput): BadgeCode[] {
  const record = knightRecord(r);
  const earned: Record<BadgeCode, boolean> = {
    FIRST_TASK: r.completedCount >= 1,
    TASKS_10: r.completedCount >= 10,
    TASKS_50: r.completedCount >= 50,
    TASKS_100: r.completedCount >= 100,
    LIFESAVER: r.lifeSafetyCount >= LIFESAVER_TASKS,
    RELIABLE: record.completed + record.noShows >= RELIABLE_MIN_TASKS && (record.completionRate ?? 0) >= RELIABLE_MIN_RATE,
    NIGHT_OWL: r.nightCount >= NIGHT_OWL_TASKS,
  };
  return BADGE_CODES.filter((c) => earned[c]);
}
