import { describe, expect, it } from "vitest";
import { validateCapabilities } from "@/server/modules/listings/validate-capabilities";
import { allowedUnits, validateCoordinates, validateCredentials, validateListing, validatePricing } from "@/server/modules/listings/validate-listing";
import { ZListingInput } from "@/lib/schemas/listings";

const metrics = [
  { key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow rate", min: 0, max: 5000 },
  { key: "head_m", unit: "m", labelZh: "扬程", labelEn: "Head", min: 1, max: null },
  { key: "weight_t", unit: "t", labelZh: "重量", labelEn: "Weight", min: null, max: 40 },
];
const type = { metrics, defaultUnit: "vehicle" };

const base = ZListingInput.parse({
  typeCode: "EQ-PUMP-2", title: "移动泵站", quantity: 2, unit: "vehicle", lat: 32.04, lng: 118.78, address: "南京市秦淮区",
  travelRange: "CITY", maxTravelKm: 100, mobilizationMinutes: 60, capabilities: { flow_m3h: 800 },
});

describe("validateCapabilities", () => {
  it("accepts values inside the type's ranges, including the bounds", () => {
    expect(validateCapabilities({ flow_m3h: 0, head_m: 1 }, metrics)).toEqual({});
    expect(validateCapabilities({ flow_m3h: 5000, weight_t: 40 }, metrics)).toEqual({});
    expect(validateCapabilities({}, metrics)).toEqual({});
  });
  it("names an unknown metric key on capabilities.<key> and lists the known ones", () => {
    const e = validateCapabilities({ seats: 4 }, metrics);
    expect(Object.keys(e)).toEqual(["capabilities.seats"]);
    expect(e["capabilities.seats"][0]).toContain("flow_m3h, head_m, weight_t");
    expect(validateCapabilities({ seats: 4 }, [])["capabilities.seats"][0]).toContain("it has none");
  });
  it("names the range and the unit when a value is outside it", () => {
    expect(validateCapabilities({ flow_m3h: 5001 }, metrics)).toEqual({ "capabilities.flow_m3h": ["Flow rate must be between 0 and 5000 m³/h."] });
    expect(validateCapabilities({ flow_m3h: -1 }, metrics)["capabilities.flow_m3h"]).toHaveLength(1);
    expect(validateCapabilities({ head_m: 0.5 }, metrics)).toEqual({ "capabilities.head_m": ["Head must be at least 1 m."] });
    expect(validateCapabilities({ weight_t: 41 }, metrics)).toEqual({ "capabilities.weight_t": ["Weight must be at most 40 t."] });
    expect(validateCapabilities({ flow_m3h: Number.NaN }, metrics)["capabilities.flow_m3h"][0]).toContain("number");
  });
});

describe("validateListing", () => {
  it("passes a good listing", () => {
    expect(validateListing(base, type)).toEqual({});
  });
  it("allows the type's default unit and the common units only", () => {
    expect(allowedUnits("vehicle")).toEqual(expect.arrayContaining(["vehicle", "unit", "kg", "m3"]));
    expect(validateListing({ ...base, unit: "kg" }, type)).toEqual({});
    expect(validateListing({ ...base, unit: "barrels" }, type).unit[0]).toContain("Unknown unit");
  });
  it("keeps coordinates inside China's bounding box", () => {
    expect(validateCoordinates(32, 118)).toEqual({});
    expect(validateCoordinates(3.8, 73.5)).toEqual({});
    expect(Object.keys(validateCoordinates(3.7, 118))).toEqual(["lat"]);
    expect(Object.keys(validateCoordinates(32, 135.2))).toEqual(["lng"]);
    expect(validateCoordinates(51.5, -0.1).lng[0]).toContain("73.5–135.1");
  });
  it("prices: free means 0, paid means > 0, deposit never negative", () => {
    expect(validatePricing("FREE", 0, 0)).toEqual({});
    expect(Object.keys(validatePricing("FREE", 100, 0))).toEqual(["priceCents"]);
    expect(Object.keys(validatePricing("DAILY", 0, 0))).toEqual(["priceCents"]);
    expect(validatePricing("HOURLY", 5000, 20000)).toEqual({});
    expect(Object.keys(validatePricing("PER_KM", 300, -1))).toEqual(["depositCents"]);
  });
  it("refuses a credential whose 'valid from' is after its 'valid until'", () => {
    const c = { kind: "VESSEL_OPERATOR", number: "1", issuer: "海事局" };
    expect(validateCredentials([{ ...c, validFrom: "2025-01-01", validUntil: "2027-01-01" }])).toEqual({});
    expect(validateCredentials([{ ...c }, { ...c, validFrom: "2030-01-01", validUntil: "2027-01-01" }])).toEqual({
      "credentials.1.validFrom": [expect.stringContaining("after")],
    });
  });
  it("collects errors from every rule at once", () => {
    const e = validateListing({ ...base, unit: "x", capabilities: { nope: 1 }, pricingMode: "DAILY", priceCents: 0 }, type);
    expect(Object.keys(e).sort()).toEqual(["capabilities.nope", "priceCents", "unit"]);
  });
});

describe("ZListingInput", () => {
  it("rejects negative or fractional quantities and out-of-range numbers with field paths", () => {
    const r = ZListingInput.safeParse({ ...base, quantity: -1, maxTravelKm: 6000, mobilizationMinutes: 20000, lat: 60 });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join(".")).sort();
    expect(paths).toEqual(["lat", "maxTravelKm", "mobilizationMinutes", "quantity"]);
    expect(ZListingInput.safeParse({ ...base, quantity: 1.5 }).success).toBe(false);
    expect(ZListingInput.safeParse({ ...base, currency: "USD" }).success).toBe(false);
  });
});
