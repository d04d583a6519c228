import { describe, expect, it, vi } from "vitest";
import { phaseTimer } from "@/server/phase-timer";

describe("phaseTimer", () => {
  it("logs each phase's share once the whole took at least slowMs", () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      const lines: string[] = [];
      const t = phaseTimer("proposal for incident i1", 100, (l) => lines.push(l));
      vi.advanceTimersByTime(30);
      t.mark("access");
      vi.advanceTimersByTime(90);
      t.mark("solve");
      t.done();
      expect(lines).toEqual(["[muster] slow proposal for incident i1: 120 ms (access 30 ms, solve 90 ms)"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("says nothing about a fast operation", () => {
    const lines: string[] = [];
    const t = phaseTimer("fast", 60_000, (l) => lines.push(l));
    t.mark("only");
    t.done();
    expect(lines).toEqual([]);
  });
});
