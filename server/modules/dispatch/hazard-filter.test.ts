import { describe, expect, it } from "vitest";
import { blockingZone, type ActiveZone } from "@/server/modules/dispatch/hazard-filter";

const zone = (id: string, requiredTraining: string | null): ActiveZone => ({
  id,
  requiredTraining,
  geometry: { type: "Polygon", coordinates: [[[118.75, 32.0], [118.85, 32.0], [118.85, 32.1], [118.75, 32.1], [118.75, 32.0]]] },
  bbox: { minLat: 32.0, minLng: 118.75, maxLat: 32.1, maxLng: 118.85 },
});
const inside = { lat: 32.05, lng: 118.8 };
const outside = { lat: 32.3, lng: 118.8 };

describe("hazard exclusion", () => {
  it("a knight inside a zone is blocked unless trained for it", () => {
    const z = zone("z1", "HAZMAT_AWARENESS");
    expect(blockingZone({ ...inside, trainings: [] }, [outside], [z])?.id).toBe("z1");
    expect(blockingZone({ ...inside, trainings: ["FIRST_AID"] }, [outside], [z])?.id).toBe("z1");
    expect(blockingZone({ ...inside, trainings: ["HAZMAT_AWARENESS"] }, [outside], [z])).toBeNull();
  });

  it("a route ending inside a zone blocks a knight standing outside", () => {
    expect(blockingZone({ ...outside, trainings: [] }, [outside, inside], [zone("z1", "FLOOD_SAFETY")])?.id).toBe("z1");
    expect(blockingZone({ ...outside, trainings: [] }, [outside], [zone("z1", "FLOOD_SAFETY")])).toBeNull();
  });

  it("a zone without a required training keeps everyone out; the first blocking zone is named", () => {
    expect(blockingZone({ ...inside, trainings: ["HAZMAT_AWARENESS"] }, [], [zone("open", "HAZMAT_AWARENESS"), zone("closed", null)])?.id).toBe("closed");
  });
});
