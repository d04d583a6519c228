import { describe, expect, it } from "vitest";
import {
  emptyKnightTaskValues,
  knightTaskValuesToInput,
  needToKnightTaskValues,
  taskKindFromTypeCode,
  toggle,
} from "@/components/needs/knight-task-form-state";

describe("knight task form state", () => {
  it("takes the task kind from the catalogue type code", () => {
    expect(taskKindFromTypeCode("KN-DELIVERY")).toBe("DELIVERY");
    expect(taskKindFromTypeCode("KN-RECON")).toBe("RECON");
    expect(taskKindFromTypeCode("EQ-PUMP")).toBe("");
    expect(taskKindFromTypeCode(undefined)).toBe("");
  });

  it("leaves empty optional inputs out and parses numbers", () => {
    const v = { ...emptyKnightTaskValues("DELIVERY"), cargoKg: "12.5", rewardPoints: "", pickupAddress: "  仓库 ", pickupLat: 32.1, pickupLng: 118.8 };
    expect(knightTaskValuesToInput(v)).toEqual({
      taskKind: "DELIVERY",
      pickupAddress: "仓库",
      pickupLat: 32.1,
      pickupLng: 118.8,
      cargoKg: 12.5,
      cargoVolumeL: undefined,
      requiredVehicle: [],
      requiredTrainings: [],
      rewardPoints: undefined,
    });
  });

  it("round-trips a stored knight need", () => {
    const stored = {
      taskKind: "ERRAND" as const, pickupAddress: null, pickupLat: null, pickupLng: null, cargoKg: 3, cargoVolumeL: null,
      requiredVehicle: ["EBIKE"], requiredTrainings: ["FIRST_AID"], rewardPoints: 40,
    };
    const input = knightTaskValuesToInput(needToKnightTaskValues(stored));
    expect(input).toMatchObject({ taskKind: "ERRAND", cargoKg: 3, requiredVehicle: ["EBIKE"], requiredTrainings: ["FIRST_AID"], rewardPoints: 40 });
    expect(input.pickupLat).toBeUndefined();
  });

  it("toggles checkbox lists", () => {
    expect(toggle(["A"], "B")).toEqual(["A", "B"]);
    expect(toggle(["A", "B"], "A")).toEqual(["B"]);
  });
});
