import { describe, expect, it } from "vitest";
import { scanRows } from "@/server/modules/search/postgres-search-plans";

describe("the first-rows scan's cost against the index lookup's", () => {
  const docs = 944_495;

  it("scans when the words are in many titles, looks up when they are in few", () => {
    expect(scanRows({ matches: 280_000, docs }, 1000)).toBeGreaterThan(0);
    expect(scanRows({ matches: 5_000, docs }, 1000)).toBeNull();
  });

  it("prices the lookup by the entries it reads: words AND filters read the words' whole posting lists", () => {
    // 救援队 in category TEAM in Nanjing at 1M: ~38,000 matches estimated, 救援队's lists ~280,000 entries
    expect(scanRows({ matches: 37_780, docs }, 1000)).toBeNull();
    const rows = scanRows({ matches: 37_780, docs, read: 280_000 }, 1000);
    expect(rows).toBe(Math.ceil((4 * 1001 * docs) / 37_780));
  });
});
