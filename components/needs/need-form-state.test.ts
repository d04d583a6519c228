import { describe, expect, it } from "vitest";
import { changedFields, emptyNeedValues, formErrorKey, toLocalInput, valuesToInput } from "@/components/needs/need-form-state";

describe("need form values", () => {
  it("starts at the incident's location, six hours from now", () => {
    const now = new Date(2026, 6, 1, 8, 30);
    const v = emptyNeedValues({ lat: 32, lng: 118.8, address: "秦淮区" }, now);
    expect(v.neededBy).toBe("2026-07-01T14:30");
    expect([v.stagingLat, v.stagingLng, v.stagingAddress]).toEqual([32, 118.8, "秦淮区"]);
  });

  it("turns inputs into numbers, minutes and capability minimums", () => {
    const v = { ...emptyNeedValues({ lat: 32, lng: 118.8, address: "x" }), quantity: "4", durationHours: "1.5", capabilities: { flow_m3h: "500", seats: "" } };
    const input = valuesToInput(v);
    expect(input.quantity).toBe(4);
    expect(input.durationMinutes).toBe(90);
    expect(input.requiredCapabilities).toEqual({ flow_m3h: 500 });
    expect(Number.isNaN(valuesToInput({ ...v, quantity: "" }).quantity)).toBe(true);
  });

  it("maps error paths to the form's fields", () => {
    expect(formErrorKey("stagingLng")).toBe("staging");
    expect(formErrorKey("durationMinutes")).toBe("durationHours");
    expect(formErrorKey("requiredCapabilities.flow_m3h")).toBe("cap.flow_m3h");
    expect(formErrorKey("quantity")).toBe("quantity");
    expect(toLocalInput(new Date(2026, 0, 2, 3, 4))).toBe("2026-01-02T03:04");
  });
});

describe("changed fields", () => {
  it("sends only what was edited, and the staging point as a pair", () => {
    const before = emptyNeedValues({ lat: 32, lng: 118.8, address: "x" });
    expect(changedFields(before, { ...before, quantity: "7" })).toEqual({ quantity: 7 });
    expect(changedFields(before, { ...before, stagingLng: 118.9 })).toEqual({ stagingLat: 32, stagingLng: 118.9 });
    expect(changedFields(before, before)).toEqual({});
  });
});
