import { describe, expect, it } from "vitest";
import { formatLiveCursor, LIVE_CURSOR_MAX_HOLES, parseLiveCursor, ZLiveEventId } from "@/lib/schemas/live";

describe("live resume cursor", () => {
  it("is the plain id when nothing below it is still to come", () => {
    expect(formatLiveCursor(189849n, [])).toBe("189849");
    expect(parseLiveCursor("189849")).toEqual({ high: 189849n, holes: [] });
  });

  it("carries the holes below it as distances, highest first, and reads back the same ids", () => {
    const cursor = formatLiveCursor(189849n, [189838n, 189848n, 189838n, 189850n]);
    expect(cursor).toBe("189849~1.11"); // the duplicate and the id above the cursor are dropped
    expect(parseLiveCursor(cursor)).toEqual({ high: 189849n, holes: [189848n, 189838n] });
    expect(ZLiveEventId.safeParse(cursor).success).toBe(true);
  });

  it(`keeps the ${LIVE_CURSOR_MAX_HOLES} highest holes (the most likely still in flight) and stays valid`, () => {
    const holes = Array.from({ length: 100 }, (_, i) => 10_000n - BigInt(i + 1));
    const cursor = formatLiveCursor(10_000n, holes);
    const { holes: back } = parseLiveCursor(cursor);
    expect(back).toHaveLength(LIVE_CURSOR_MAX_HOLES);
    expect(back[0]).toBe(9_999n);
    expect(back.at(-1)).toBe(10_000n - BigInt(LIVE_CURSOR_MAX_HOLES));
    expect(ZLiveEventId.safeParse(cursor).success).toBe(true);
  });

  it("rejects anything else", () => {
    for (const bad of ["", "12x", "-1", "12~", "12~3.", "12~a", "1 2", "12; DROP TABLE live_event", `1~${"1.".repeat(LIVE_CURSOR_MAX_HOLES)}1`]) {
      expect(ZLiveEventId.safeParse(bad).success, bad).toBe(false);
    }
  });
});
