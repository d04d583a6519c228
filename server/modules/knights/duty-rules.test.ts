import { describe, expect, it } from "vitest";
import { dutyMinutes, goOnDuty, restDue, restUntil } from "@/server/modules/knights/duty-rules";

const c = { maxDutyMinutes: 240, restMinutes: 30 };
const T = new Date("2026-11-29T08:00:00Z");
const min = (m: number) => new Date(T.getTime() + m * 60_000);

describe("duty rules", () => {
  it("counts the stint and flags a rest once it reaches the limit", () => {
    const s = { onDuty: true, dutyStintStartedAt: T, offDutyAt: null };
    expect(dutyMinutes(s, min(239.5))).toBe(239);
    expect(restDue(s, min(239.5), c)).toBe(false);
    expect(restDue(s, min(240), c)).toBe(true);
    expect(dutyMinutes({ ...s, onDuty: false }, min(300))).toBe(0);
  });

  it("starts a new stint after a rest, or with no history", () => {
    expect(goOnDuty({ onDuty: false, dutyStintStartedAt: null, offDutyAt: null }, T, c)).toEqual({ ok: true, stintStartedAt: T });
    expect(goOnDuty({ onDuty: false, dutyStintStartedAt: T, offDutyAt: min(60) }, min(90), c)).toEqual({ ok: true, stintStartedAt: min(90) });
  });

  it("continues the stint after a short break (the break is not a rest)", () => {
    expect(goOnDuty({ onDuty: false, dutyStintStartedAt: T, offDutyAt: min(60) }, min(70), c)).toEqual({ ok: true, stintStartedAt: T });
  });

  it("refuses going back on duty within the rest after a full stint", () => {
    const s = { onDuty: false, dutyStintStartedAt: T, offDutyAt: min(245) };
    expect(restUntil(s, min(250), c)).toEqual(min(275));
    expect(goOnDuty(s, min(250), c)).toEqual({ ok: false, restUntil: min(275) });
    expect(goOnDuty(s, min(275), c)).toEqual({ ok: true, stintStartedAt: min(275) });
  });
});
