import { describe, expect, it } from "vitest";
import { ZCreateNeedInput } from "@/lib/schemas/needs";
import { knightTaskErrors } from "@/server/modules/needs/validate-knight-task";

const delivery = {
  unit: "rider",
  quantity: 3,
  taskKind: "DELIVERY" as const,
  pickupLat: 32.04,
  pickupLng: 118.78,
  pickupAddress: "鼓楼区物资仓库",
  cargoKg: 8,
  requiredVehicle: ["EBIKE", "MOTORCYCLE"],
  requiredTrainings: ["FIRST_AID"],
  rewardPoints: 50,
};

describe("knight task rules", () => {
  it("accepts a complete delivery", () => {
    expect(knightTaskErrors("KNIGHT", delivery)).toEqual({});
  });

  it("a delivery needs a pickup point and address; errands and recon do not", () => {
    const e = knightTaskErrors("KNIGHT", { ...delivery, pickupLat: undefined, pickupLng: undefined, pickupAddress: undefined });
    expect(Object.keys(e).sort()).toEqual(["pickupAddress", "pickupLat"]);
    expect(knightTaskErrors("KNIGHT", { unit: "rider", taskKind: "RECON" })).toEqual({});
    expect(knightTaskErrors("KNIGHT", { unit: "rider", taskKind: "ERRAND" })).toEqual({});
  });

  it("requires a kind, the rider unit, a sane headcount and both pickup coordinates", () => {
    const e = knightTaskErrors("KNIGHT", { unit: "unit", quantity: 500, pickupLat: 32 });
    expect(Object.keys(e).sort()).toEqual(["pickupLng", "quantity", "taskKind", "unit"]);
  });

  it("refuses duplicate vehicles and trainings", () => {
    const e = knightTaskErrors("KNIGHT", { ...delivery, requiredVehicle: ["CAR", "CAR"], requiredTrainings: ["FIRST_AID", "FIRST_AID"] });
    expect(Object.keys(e).sort()).toEqual(["requiredTrainings", "requiredVehicle"]);
  });

  it("other categories may not carry task fields (empty lists are fine)", () => {
    expect(knightTaskErrors("EQUIPMENT", { taskKind: "DELIVERY", cargoKg: 3 })).toEqual({
      taskKind: ["Only knight tasks carry this field."],
      cargoKg: ["Only knight tasks carry this field."],
    });
    expect(knightTaskErrors("EQUIPMENT", { requiredVehicle: [], requiredTrainings: [] })).toEqual({});
  });

  it("the schema checks ranges and training code format", () => {
    const r = ZCreateNeedInput.safeParse({
      incidentId: "i", category: "KNIGHT", freeText: "送药", title: "送药", quantity: 2, unit: "rider", stagingLat: 32, stagingLng: 118.7,
      stagingAddress: "南京", neededBy: new Date(), durationMinutes: 60, maxDistanceKm: 10, pickupLat: 80, cargoKg: -1, requiredTrainings: ["first aid"],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["cargoKg", "pickupLat", "requiredTrainings.0"]);
  });
});
