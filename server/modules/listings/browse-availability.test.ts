import { describe, expect, it } from "vitest";
import { availableNowSql, isAvailableNow, shanghaiClock, type WindowLike } from "@/server/modules/listings/browse-availability";

const weekly = (weekday: number, startMinute: number, endMinute: number): WindowLike => ({ kind: "WEEKLY", weekday, startMinute, endMinute, startsAt: null, endsAt: null });
const dated = (kind: "BLACKOUT" | "DATED", from: string, to: string): WindowLike => ({ kind, weekday: null, startMinute: null, endMinute: null, startsAt: new Date(from), endsAt: new Date(to) });

describe("shanghaiClock", () => {
  it("reads the Shanghai wall clock (UTC+8), crossing the date line of UTC", () => {
    // 2026-03-01 is a Sunday. 17:30 UTC Sunday = 01:30 Monday in Shanghai.
    expect(shanghaiClock(new Date("2026-03-01T17:30:00Z"))).toEqual({ weekday: 1, minute: 90 });
    expect(shanghaiClock(new Date("2026-03-01T00:00:00Z"))).toEqual({ weekday: 0, minute: 480 });
    expect(shanghaiClock(new Date("2026-03-01T16:00:00Z"))).toEqual({ weekday: 1, minute: 0 });
  });
});

describe("isAvailableNow", () => {
  const mondayNineShanghai = new Date("2026-03-02T01:00:00Z"); // Monday 09:00 in Shanghai, still Monday in UTC
  const sundayNightUtc = new Date("2026-03-01T23:00:00Z"); // Sunday 23:00 UTC = Monday 07:00 Shanghai

  it("needs status AVAILABLE", () => {
    expect(isAvailableNow("AVAILABLE", [], mondayNineShanghai)).toBe(true);
    expect(isAvailableNow("OUT_OF_SERVICE", [], mondayNineShanghai)).toBe(false);
  });

  it("uses weekly windows in Shanghai time, not UTC", () => {
    const monMorning = [weekly(1, 6 * 60, 12 * 60)];
    expect(isAvailableNow("AVAILABLE", monMorning, mondayNineShanghai)).toBe(true);
    expect(isAvailableNow("AVAILABLE", monMorning, sundayNightUtc)).toBe(true);
    expect(isAvailableNow("AVAILABLE", [weekly(0, 0, 1440)], sundayNightUtc)).toBe(false);
  });

  it("end minute is exclusive", () => {
    expect(isAvailableNow("AVAILABLE", [weekly(1, 8 * 60, 9 * 60)], mondayNineShanghai)).toBe(false);
    expect(isAvailableNow("AVAILABLE", [weekly(1, 9 * 60, 10 * 60)], mondayNineShanghai)).toBe(true);
  });

  it("a blackout wins over any window; a dated window adds availability", () => {
    const blackout = dated("BLACKOUT", "2026-03-02T00:00:00Z", "2026-03-02T02:00:00Z");
    expect(isAvailableNow("AVAILABLE", [blackout], mondayNineShanghai)).toBe(false);
    expect(isAvailableNow("AVAILABLE", [weekly(1, 0, 1440), blackout], mondayNineShanghai)).toBe(false);
    const extra = dated("DATED", "2026-03-02T00:00:00Z", "2026-03-02T02:00:00Z");
    expect(isAvailableNow("AVAILABLE", [weekly(3, 0, 60), extra], mondayNineShanghai)).toBe(true);
    expect(isAvailableNow("AVAILABLE", [weekly(3, 0, 60)], mondayNineShanghai)).toBe(false);
  });

  it("the SQL form binds the Shanghai weekday and minute", () => {
    const sql = availableNowSql(mondayNineShanghai);
    expect(sql.sql).toContain("w.weekday = ?");
    expect(sql.values).toContain(1);
    expect(sql.values).toContain(540);
  });
});
