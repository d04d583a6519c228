import { describe, expect, it } from "vitest";
import { commandPaths, polygonsOf, worstBand } from "@/components/command/command-map-view";

describe("command map view helpers", () => {
  it("draws a staging point in its least-filled need's band", () => {
    expect(worstBand([{ band: "FILLED" }, { band: "PARTIAL" }])).toBe("PARTIAL");
    expect(worstBand([{ band: "PARTIAL" }, { band: "UNFILLED" }, { band: "FILLED" }])).toBe("UNFILLED");
    expect(worstBand([{ band: "FILLED" }])).toBe("FILLED");
  });
  it("turns GeoJSON [lng, lat] rings into {lat, lng}", () => {
    const rings = polygonsOf({ type: "MultiPolygon", coordinates: [[[[118.8, 32.0], [118.9, 32.0], [118.9, 32.1], [118.8, 32.0]]]] });
    expect(rings[0]![0]![1]).toEqual({ lat: 32.0, lng: 118.9 });
  });
  it("links to the incident, need, resource and organisation pages", () => {
    expect(commandPaths.need("i1", "n1")).toBe("/incidents/i1#need-n1");
    expect(commandPaths.resource("r1")).toBe("/listings/r1");
    expect(commandPaths.org("o1")).toBe("/organizations/o1");
  });
});
