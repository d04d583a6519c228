import type { FieldErrors } from "@/server/errors";
import type { TTrainingInput } from "@/lib/schemas/knight-profile";

/** Trainings expire at `validUntil` (exclusive); the editor warns this many days ahead. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export function trainingStatus(validUntil: Date | null, now: Date): { expired: boolean; expiringSoon: boolean } {
  if (!validUntil) return { expired: false, expiringSoon: false };
  const left = validUntil.getTime() - now.getTime();
  return { expired: left <= 0, expiringSoon: left > 0 && left <= EXPIRY_WARNING_DAYS * DAY_MS };
}

/** True when there are trainings and none of them still counts. No trainings at all is not "expired". */
export function allTrainingsExpired(trainings: readonly { validUntil: Date | null }[], now: Date): boolean {
  return trainings.length > 0 && trainings.every((t) => trainingStatus(t.validUntil, now).expired);
}

/**
 * Field errors for a submitted training list: each code once, and no date in the past — except a
 * training kept exactly as it is stored (an old expired entry is shown with a warning, not an error,
 * so the knight can still save other changes; entering or changing to a past date is an error).
 */
export function trainingErrors(
  input: readonly TTrainingInput[],
  stored: readonly { code: string; validUntil: Date | null }[],
  now: Date,
): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  const storedByCode = new Map(stored.map((s) => [s.code, s.validUntil?.getTime() ?? null]));
  input.forEach((t, i) => {
    if (seen.has(t.code)) (errors[`trainings.${i}.code`] ??= []).push("errors.trainingDuplicate");
    seen.add(t.code);
    if (!t.validUntil || !trainingStatus(t.validUntil, now).expired) return;
    const unchanged = storedByCode.get(t.code) === t.validUntil.getTime();
    if (!unchanged) (errors[`trainings.${i}.validUntil`] ??= []).push("errors.trainingInPast");
  });
  return errors;
}
