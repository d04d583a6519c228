import type { FieldErrors } from "@/server/errors";
import type { TAvailabilityWindowInput } from "@/lib/schemas/listings";

const DAY_MINUTES = 1440;

function add(errors: FieldErrors, path: string, message: string) {
  (errors[path] ??= []).push(message);
}

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/** Two half-open intervals [a1, a2) and [b1, b2) overlap when each starts before the other ends. */
export function intervalsOverlap(a1: number, a2: number, b1: number, b2: number): boolean {
  return a1 < b2 && b1 < a2;
}

/**
 * Availability windows:
 *  - WEEKLY: weekday 0–6, 0 ≤ startMinute < endMinute ≤ 1440; two windows on one weekday must not overlap
 *    (touching end-to-start is fine);
 *  - BLACKOUT / DATED: startsAt < endsAt; two windows of the same kind must not overlap.
 * Errors are keyed `availabilityWindows.<i>.<field>`; an overlap is reported on the later window.
 */
export function validateAvailabilityWindows(windows: readonly TAvailabilityWindowInput[]): FieldErrors {
  const errors: FieldErrors = {};
  const weekly: { i: number; day: number; start: number; end: number }[] = [];
  const dated: { i: number; kind: string; start: number; end: number }[] = [];

  windows.forEach((w, i) => {
    const p = `availabilityWindows.${i}`;
    if (w.kind === "WEEKLY") {
      let ok = true;
      if (!isInt(w.weekday) || w.weekday < 0 || w.weekday > 6) {
        add(errors, `${p}.weekday`, "Choose a weekday (0 = Sunday … 6 = Saturday).");
        ok = false;
      }
      if (!isInt(w.startMinute) || w.startMinute < 0 || w.startMinute > DAY_MINUTES) {
        add(errors, `${p}.startMinute`, "Enter a start time between 00:00 and 24:00.");
        ok = false;
      }
      if (!isInt(w.endMinute) || w.endMinute < 0 || w.endMinute > DAY_MINUTES) {
        add(errors, `${p}.endMinute`, "Enter an end time between 00:00 and 24:00.");
        ok = false;
      }
      if (ok && (w.startMinute as number) >= (w.endMinute as number)) {
        add(errors, `${p}.endMinute`, "The end time must be after the start time.");
        ok = false;
      }
      if (ok) weekly.push({ i, day: w.weekday as number, start: w.startMinute as number, end: w.endMinute as number });
      return;
    }
    const start = w.startsAt ? Date.parse(w.startsAt) : NaN;
    const end = w.endsAt ? Date.parse(w.endsAt) : NaN;
    if (Number.isNaN(start)) add(errors, `${p}.startsAt`, "Enter when this period starts.");
    if (Number.isNaN(end)) add(errors, `${p}.endsAt`, "Enter when this period ends.");
    if (Number.isNaN(start) || Number.isNaN(end)) return;
    if (start >= end) {
      add(errors, `${p}.endsAt`, "The end must be after the start.");
      return;
    }
    dated.push({ i, kind: w.kind, start, end });
  });

  for (let a = 0; a < weekly.length; a++) {
    for (let b = 0; b < a; b++) {
      const x = weekly[a];
      const y = weekly[b];
      if (x.day === y.day && intervalsOverlap(x.start, x.end, y.start, y.end)) {
        add(errors, `availabilityWindows.${x.i}.startMinute`, `Overlaps window ${y.i + 1} on the same weekday.`);
        break;
      }
    }
  }
  for (let a = 0; a < dated.length; a++) {
    for (let b = 0; b < a; b++) {
      const x = dated[a];
      const y = dated[b];
      if (x.kind === y.kind && intervalsOverlap(x.start, x.end, y.start, y.end)) {
        add(errors, `availabilityWindows.${x.i}.startsAt`, `Overlaps window ${y.i + 1}.`);
        break;
      }
    }
  }
  return errors;
}

/** "HH:MM" → minutes after midnight ("24:00" = 1440); null when malformed. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

export function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}
