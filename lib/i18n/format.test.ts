import { describe, expect, it } from "vitest";
import { formatCountdown, formatDuration } from "./format";

const M = 60;
const H = 3600;
const D = 86_400;

describe("formatDuration", () => {
  // [seconds, English, Chinese]: the two largest units, seconds only under an hour.
  const cases: [number, string, string][] = [
    [0, "0 s", "0秒"],
    [1, "1 s", "1秒"],
    [45, "45 s", "45秒"],
    [59.9, "59 s", "59秒"],
    [M, "1 min", "1分钟"],
    [5 * M + 10, "5 min 10 s", "5分10秒"],
    [H - 1, "59 min 59 s", "59分59秒"],
    [H, "1 h", "1小时"],
    [H + 1, "1 h", "1小时"],
    [H + M, "1 h 1 min", "1小时1分"],
    // The reported inbox: a hold of about 11.5 hours read "694:14".
    [694 * M + 14, "11 h 34 min", "11小时34分"],
    [D - 1, "23 h 59 min", "23小时59分"],
    [D, "1 d", "1天"],
    [2 * D + 3 * H + 59 * M, "2 d 3 h", "2天3小时"],
    [1234 * D, "1,234 d", "1,234天"],
  ];

  it.each(cases)("%s s reads %s / %s", (seconds, en, zh) => {
    expect(formatDuration("en", seconds)).toBe(en);
    expect(formatDuration("zh-CN", seconds)).toBe(zh);
  });

  it("reads a negative or missing span as zero (an expired hold has no time left)", () => {
    expect(formatDuration("en", -5)).toBe("0 s");
    expect(formatDuration("zh-CN", -3 * H)).toBe("0秒");
    expect(formatDuration("en", Number.NaN)).toBe("0 s");
  });

  it("stops at whole minutes for spans kept in minutes", () => {
    const byMinute = (s: number, locale: "en" | "zh-CN" = "en") => formatDuration(locale, s, { precision: "minute" });
    expect(byMinute(0)).toBe("0 min");
    expect(byMinute(59)).toBe("0 min");
    expect(byMinute(-60)).toBe("0 min");
    expect(byMinute(25 * M + 40)).toBe("25 min");
    expect(byMinute(25 * M, "zh-CN")).toBe("25分钟");
    expect(byMinute(125 * M)).toBe("2 h 5 min");
    expect(byMinute(240 * M, "zh-CN")).toBe("4小时");
    expect(byMinute(7 * D)).toBe("7 d");
  });

  it("writes each number as Intl does in both locales, grouped from 1,000 on", () => {
    for (let d = 1; d < 1200; d++) {
      expect(formatDuration("en", d * D)).toBe(`${new Intl.NumberFormat("en").format(d)} d`);
      expect(formatDuration("zh-CN", d * D)).toBe(`${new Intl.NumberFormat("zh-CN").format(d)}天`);
    }
    expect(formatDuration("en", 1500 * D)).toBe("1,500 d");
  });
});

describe("formatCountdown", () => {
  const now = new Date("2026-03-01T08:00:00Z");
  const later = (ms: number) => new Date(now.getTime() + ms);

  it("counts the time left, rounded up to the second, and reads zero once passed", () => {
    expect(formatCountdown("en", later(245_000), now)).toBe("4 min 5 s");
    expect(formatCountdown("en", later(200), now)).toBe("1 s");
    expect(formatCountdown("en", later(0), now)).toBe("0 s");
    expect(formatCountdown("zh-CN", later(-5_000), now)).toBe("0秒");
    expect(formatCountdown("en", later((11 * H + 34 * M + 20) * 1000), now)).toBe("11 h 34 min");
    expect(formatCountdown("zh-CN", "2026-03-03T11:00:00Z", now)).toBe("2天3小时");
  });
});
