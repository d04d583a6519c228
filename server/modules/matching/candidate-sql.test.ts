import { describe, expect, it } from "vitest";
import { candidateSql } from "@/server/modules/matching/candidate-sql";
import type { MatchNeed } from "@/server/modules/matching/match-types";

const need = (over: Partial<MatchNeed> = {}): MatchNeed => ({
  id: "n1",
  typeId: "t1",
  category: "RESCUE",
  typeKind: "BOAT",
  typeLevel: 2,
  requiredCapabilities: {},
  quantityOpen: 1,
  stagingLat: 30.5,
  stagingLng: 114.3,
  neededBy: new Date("2026-12-07T02:00:00Z"),
  durationMinutes: 120,
  maxDistanceKm: 40,
  paymentMode: "FREE",
  priority: "HIGH",
  ...over,
});

/** Highest $n in the text and the set of those referenced. */
function placeholders(text: string): Set<number> {
  return new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
}

describe("candidateSql", () => {
  it("reuses one text for every need of the same shape (one prepared statement, built once)", () => {
    const a = candidateSql(need(), ["t1"], 50);
    const b = candidateSql(need({ stagingLat: 22.1, requiredCapabilities: { seats: 4, pumpLpm: 300 } }), ["t1", "t2"], 10);
    expect(b.text).toBe(a.text);
    expect(a.values).not.toEqual(b.values);
  });

  it("binds every parameter the text references and nothing more (PostgreSQL rejects an untyped unused one)", () => {
    for (const s of [
      candidateSql(need(), ["t1"], 50),
      candidateSql(need(), ["t1"], 50, "r1"),
      candidateSql(need({ requiredCapabilities: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, i])) }), ["t1"], 50),
    ]) {
      const used = placeholders(s.text);
      expect([...used].sort((x, y) => x - y)).toEqual(Array.from({ length: s.values.length }, (_, i) => i + 1));
    }
  });

  it("gives the single-resource check and needs with more capability minimums than slots texts of their own", () => {
    const base = candidateSql(need(), ["t1"], 50);
    const only = candidateSql(need(), ["t1"], 50, "r1");
    const many = candidateSql(need({ requiredCapabilities: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`k${i}`, i])) }), ["t1"], 50);
    expect(only.text).not.toBe(base.text);
    expect(only.values.at(-1)).toBe("r1");
    expect(many.text).not.toBe(base.text);
    // capability pairs are bound key then minimum, in the need's order, unused slots NULL
    const capNeed = candidateSql(need({ requiredCapabilities: { seats: 4 } }), ["t1"], 50);
    expect(capNeed.values.slice(10, 14)).toEqual(["seats", 4, null, null]);
  });
});
