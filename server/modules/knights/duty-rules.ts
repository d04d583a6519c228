/**
 * Duty-hours rules (pure). A stint is continuous duty; going off duty for less than the rest period does
 * not end it (coming back continues the same stint). A stint that reached the limit needs the full rest
 * before the knight may go on duty again.
 */
export type DutyConfig = { maxDutyMinutes: number; restMinutes: number };
export type DutyState = { onDuty: boolean; dutyStintStartedAt: Date | null; offDutyAt: Date | null };

const MINUTE = 60_000;

export function dutyMinutes(s: DutyState, now: Date): number {
  if (!s.onDuty || !s.dutyStintStartedAt) return 0;
  return Math.max(0, Math.floor((now.getTime() - s.dutyStintStartedAt.getTime()) / MINUTE));
}

export function restDue(s: DutyState, now: Date, c: DutyConfig): boolean {
  return s.onDuty && dutyMinutes(s, now) >= c.maxDutyMinutes;
}

/** Off duty after a full stint and still within the rest: when the rest ends. Otherwise null. */
export function restUntil(s: DutyState, now: Date, c: DutyConfig): Date | null {
  if (s.onDuty || !s.offDutyAt || !s.dutyStintStartedAt) return null;
  const end = new Date(s.offDutyAt.getTime() + c.restMinutes * MINUTE);
  const stint = s.offDutyAt.getTime() - s.dutyStintStartedAt.getTime();
  return stint >= c.maxDutyMinutes * MINUTE && end > now ? end : null;
}

export type GoOnDutyDecision = { ok: true; stintStartedAt: Date } | { ok: false; restUntil: Date };

/** Going on duty now: refused during a required rest; a short break continues the previous stint. */
export function goOnDuty(s: DutyState, now: Date, c: DutyConfig): GoOnDutyDecision {
  const until = restUntil(s, now, c);
  if (until) return { ok: false, restUntil: until };
  const shortBreak = s.offDutyAt && s.dutyStintStartedAt && now.getTime() - s.offDutyAt.getTime() < c.restMinutes * MINUTE;
  return { ok: true, stintStartedAt: shortBreak ? s.dutyStintStartedAt! : now };
}
