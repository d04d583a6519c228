import { describe, expect, it } from "vitest";
import { formatClock, intervalsOverlap, parseClock, validateAvailabilityWindows } from "@/server/modules/listings/availability-windows";

const weekly = (weekday: number, startMinute: number, endMinute: number) => ({ kind: "WEEKLY" as const, weekday, startMinute, endMinute });

describe("availability windows", () => {
  it("accepts non-overlapping weekly windows, touching ends included, and the same hours on other days", () => {
    expect(validateAvailabilityWindows([weekly(1, 480, 720), weekly(1, 720, 1080), weekly(2, 480, 1080), weekly(0, 0, 1440)])).toEqual({});
  });
  it("reports an inverted or empty weekly window on endMinute", () => {
    expect(validateAvailabilityWindows([weekly(1, 720, 480)])).toEqual({ "availabilityWindows.0.endMinute": ["The end time must be after the start time."] });
    expect(Object.keys(validateAvailabilityWindows([weekly(1, 600, 600)]))).toEqual(["availabilityWindows.0.endMinute"]);
  });
  it("reports overlapping windows on the same weekday on the later one", () => {
    const e = validateAvailabilityWindows([weekly(3, 480, 720), weekly(4, 480, 720), weekly(3, 700, 800)]);
    expect(e).toEqual({ "availabilityWindows.2.startMinute": ["Overlaps window 1 on the same weekday."] });
  });
  it("checks weekday and minute ranges and required fields", () => {
    const e = validateAvailabilityWindows([{ kind: "WEEKLY", weekday: 7, startMinute: -5, endMinute: 1500 }, { kind: "WEEKLY" }]);
    expect(Object.keys(e).sort()).toEqual([
      "availabilityWindows.0.endMinute", "availabilityWindows.0.startMinute", "availabilityWindows.0.weekday",
      "availabilityWindows.1.endMinute", "availabilityWindows.1.startMinute", "availabilityWindows.1.weekday",
    ]);
  });
  it("dated and blackout periods: start before end, no overlap within a kind", () => {
    const a = { kind: "BLACKOUT" as const, startsAt: "2026-07-01T00:00:00+08:00", endsAt: "2026-07-05T00:00:00+08:00" };
    expect(validateAvailabilityWindows([a, { ...a, kind: "DATED" }])).toEqual({});
    expect(validateAvailabilityWindows([{ ...a, startsAt: a.endsAt, endsAt: a.startsAt }])).toEqual({
      "availabilityWindows.0.endsAt": ["The end must be after the start."],
    });
    expect(validateAvailabilityWindows([a, { ...a, startsAt: "2026-07-04T00:00:00+08:00", endsAt: "2026-07-09T00:00:00+08:00" }])).toEqual({
      "availabilityWindows.1.startsAt": ["Overlaps window 1."],
    });
    expect(Object.keys(validateAvailabilityWindows([{ kind: "BLACKOUT" }])).sort()).toEqual([
      "availabilityWindows.0.endsAt", "availabilityWindows.0.startsAt",
    ]);
  });
  it("interval and clock helpers", () => {
    expect(intervalsOverlap(0, 10, 10, 20)).toBe(false);
    expect(intervalsOverlap(0, 11, 10, 20)).toBe(true);
    expect(parseClock("08:30")).toBe(510);
    expect(parseClock("24:00")).toBe(1440);
    expect(parseClock("24:30")).toBeNull();
    expect(parseClock("8h")).toBeNull();
    expect(formatClock(510)).toBe("08:30");
  });
});
