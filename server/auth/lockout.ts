/**
 * Sign-in throttling, as pure functions over recent LoginAttempt rows (newest first or any order).
 * Rule: LOCKOUT_MAX_FAILURES failures since the last success, all within LOCKOUT_WINDOW_MS, lock the
 * account for LOCKOUT_DURATION_MS counted from the last of those failures. Attempts made while locked
 * are rejected before the password is checked and are not recorded, so an attacker cannot extend it.
 */
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;
/** Failed attempts from one IP within the window before that IP is throttled (across identifiers). */
export const IP_MAX_FAILURES = 50;

export type AttemptLike = { success: boolean; createdAt: Date };

export type LockoutDecision = { locked: false; failures: number } | { locked: true; failures: number; lockedUntil: Date };

export function decideLockout(attempts: readonly AttemptLike[], now: Date): LockoutDecision {
  const sorted = [...attempts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const windowStart = now.getTime() - LOCKOUT_WINDOW_MS;
  const failures: Date[] = [];
  for (const a of sorted) {
    if (a.createdAt.getTime() > now.getTime()) continue; // clock skew: ignore future rows
    if (a.success) break;
    if (a.createdAt.getTime() < windowStart) break;
    failures.push(a.createdAt);
  }
  if (failures.length < LOCKOUT_MAX_FAILURES) return { locked: false, failures: failures.length };
  const lockedUntil = new Date(failures[0].getTime() + LOCKOUT_DURATION_MS);
  if (lockedUntil.getTime() <= now.getTime()) return { locked: false, failures: failures.length };
  return { locked: true, failures: failures.length, lockedUntil };
}

/** How many recent rows decideLockout needs to see. */
export const LOCKOUT_LOOKBACK_ROWS = LOCKOUT_MAX_FAILURES + 1;
