import { describe, expect, it } from "vitest";
import { coverCells, EARTH_RADIUS_M, scanRows } from "@/server/modules/search/postgres-search-plans";

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

describe("the geo cells covering a circle", () => {
  /** The point `m` metres from (lat, lng) at `bearing` radians, on the search's sphere. */
  function destination(lat: number, lng: number, m: number, bearing: number) {
    const d = m / EARTH_RADIUS_M;
    const [φ, λ] = [(lat * Math.PI) / 180, (lng * Math.PI) / 180];
    const φ2 = Math.asin(Math.sin(φ) * Math.cos(d) + Math.cos(φ) * Math.sin(d) * Math.cos(bearing));
    const λ2 = λ + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(φ), Math.cos(d) - Math.sin(φ) * Math.sin(φ2));
    return { lat: (φ2 * 180) / Math.PI, lng: (λ2 * 180) / Math.PI };
  }

  it("hold the cell of every point inside the circle, as muster_geo_cells names it", () => {
    for (const [lat, lng] of [[32.06, 118.79], [31.3, 120.62], [34.2, 117.18]] as const) {
      for (const r of [1000, 2000, 4000, 16_000, 64_000]) {
        for (const z of [64, 16, 4]) {
          const cells = new Set(coverCells({ lat, lng }, r, z));
          for (let k = 0; k < 72; k++) {
            for (const f of [0.5, 0.999]) {
              const p = destination(lat, lng, r * f, (k / 72) * 2 * Math.PI);
              expect(cells.has(`g${z}:${Math.floor(p.lat * z)}:${Math.floor(p.lng * z)}`)).toBe(true);
            }
          }
        }
      }
    }
  });

  it("are only the cells of the circle's bounding box", () => {
    // 1 km round Nanjing's centre on the 1/64° grid: 2 rows × 3 columns
    expect(coverCells({ lat: 32.06, lng: 118.79 }, 1000, 64)).toEqual([
      "g64:2051:7601", "g64:2051:7602", "g64:2051:7603", "g64:2052:7601", "g64:2052:7602", "g64:2052:7603",
    ]);
  });
});
