import type { KnightTaskKind, NeedPriority } from "@/server/generated/prisma/enums";

/**
 * Points for one completed knight task (pure; golden-tested). base × urgency × kind, plus 1 point per km
 * travelled up to a cap (so long runs are worth more without making distance the whole game), halved
 * when delivered after the need's deadline. Always at least 1 for a completed task.
 */
export const POINTS_BASE = 10;
export const PRIORITY_WEIGHT: Record<NeedPriority, number> = { LIFE_SAFETY: 3, URGENT: 2, ROUTINE: 1 };
export const KIND_FACTOR: Record<KnightTaskKind, number> = { DELIVERY: 1, ERRAND: 0.8, RECON: 1.2 };
export const DISTANCE_POINTS_PER_KM = 1;
export const DISTANCE_BONUS_CAP = 15;
export const LATE_FACTOR = 0.5;

export type TaskPointsInput = { priority: NeedPriority; distanceKm: number; taskKind: KnightTaskKind; onTime: boolean };

export function taskPoints(input: TaskPointsInput): number {
  const km = Number.isFinite(input.distanceKm) && input.distanceKm > 0 ? input.distanceKm : 0;
  const distanceBonus = Math.min(DISTANCE_BONUS_CAP, km * DISTANCE_POINTS_PER_KM);
  const raw = POINTS_BASE * PRIORITY_WEIGHT[input.priority] * KIND_FACTOR[input.taskKind] + distanceBonus;
  return Math.max(1, Math.round(input.onTime ? raw : raw * LATE_FACTOR));
}

/** Beijing time (UTC+8, no daylight saving) hour of a moment. */
export function beijingHour(at: Date): number {
  return (at.getUTCHours() + 8) % 24;
}

/** Night = 22:00–06:00 Beijing time (for the night-owl badge). */
export function isNightTime(at: Date): boolean {
  const h = beijingHour(at);
  return h >= 22 || h < 6;
}
