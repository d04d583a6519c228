import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, TEMPLATE_EXAMPLE, headerErrors, parseCapabilities, parseCsv, toCsv, toCsvRecord, validateCsvRecord, type CsvRecord } from "@/server/modules/listings/csv-rows";

const types = new Map([
  ["EQ-PUMP-3", { code: "EQ-PUMP-3", defaultUnit: "unit", metrics: [{ key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow rate", min: 0, max: 5000 }, { key: "head_m", unit: "m", labelZh: "扬程", labelEn: "Head", min: 0, max: 200 }, { key: "runtime_h", unit: "h", labelZh: "时长", labelEn: "Runtime", min: 0, max: 720 }] }],
]);
const ctx = { types, regionCodes: new Set(["320104"]), orgVerification: "VERIFIED" as const };
const rec = (over: Partial<CsvRecord> = {}): CsvRecord =>
  ({ ...Object.fromEntries(Object.entries(TEMPLATE_EXAMPLE).map(([k, v]) => [k, String(v)])), ...over }) as CsvRecord;

describe("CSV rows", () => {
  it("parses the template example into a valid listing input (yuan → fen, capabilities)", () => {
    const r = validateCsvRecord(rec(), 2, ctx);
    expect(r.errors).toEqual([]);
    expect(r.input).toMatchObject({ typeCode: "EQ-PUMP-3", quantity: 4, priceCents: 80000, depositCents: 200000, capabilities: { flow_m3h: 220, head_m: 8, runtime_h: 12 }, status: "DRAFT", regionCode: undefined });
  });
  it("reports row, column and message for each bad cell", () => {
    const r = validateCsvRecord(rec({ quantity: "-2", lat: "60", unit: "barrel", priceYuan: "0", capabilities: "flow_m3h=9000;bad" }), 7, ctx);
    const cols = r.errors.map((e) => e.column).sort();
    expect(r.input).toBeUndefined();
    expect(r.errors.every((e) => e.row === 7)).toBe(true);
    expect(cols).toEqual(expect.arrayContaining(["capabilities", "quantity", "lat"]));
    const r2 = validateCsvRecord(rec({ unit: "barrel", priceYuan: "0", capabilities: "flow_m3h=9000" }), 3, ctx);
    expect(r2.errors.map((e) => e.column).sort()).toEqual(["capabilities.flow_m3h", "priceYuan", "unit"]);
  });
  it("unknown type, unknown region, AVAILABLE for an unverified org", () => {
    expect(validateCsvRecord(rec({ typeCode: "NOPE" }), 2, ctx).errors[0]).toMatchObject({ column: "typeCode" });
    expect(validateCsvRecord(rec({ regionCode: "999999" }), 2, ctx).errors[0]).toMatchObject({ column: "regionCode" });
    expect(validateCsvRecord(rec({ status: "available" }), 2, { ...ctx, orgVerification: "PENDING" }).errors[0]).toMatchObject({ column: "status" });
    expect(validateCsvRecord(rec({ status: "available" }), 2, ctx).input?.status).toBe("AVAILABLE");
  });
  it("capabilities cell syntax", () => {
    expect(parseCapabilities("a=1; b = 2.5 ;")).toEqual({ value: { a: 1, b: 2.5 }, errors: [] });
    expect(parseCapabilities("a=;=3;c=x").errors).toHaveLength(3);
  });
  it("round-trips: export → parse → same values; missing header columns are reported", () => {
    const csv = toCsv([toCsvRecord({ typeCode: "EQ-PUMP-3", title: "泵, \"大\"", titleEn: null, description: "", quantity: 2, unit: "unit", lat: 32.1, lng: 118.8, address: "南京", regionCode: "320104", travelRange: "CITY", maxTravelKm: 50, mobilizationMinutes: 30, pricingMode: "FREE", priceCents: 0, depositCents: 0, capabilities: { flow_m3h: 300 }, status: "AVAILABLE" })]);
    const { header, records } = parseCsv(`\uFEFF${csv}`);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(headerErrors(header)).toEqual([]);
    const r = validateCsvRecord(records[0], 2, ctx);
    expect(r.errors).toEqual([]);
    expect(r.input).toMatchObject({ title: "泵, \"大\"", regionCode: "320104", capabilities: { flow_m3h: 300 } });
    expect(headerErrors(["typeCode", "title"]).map((e) => e.column)).toContain("lat");
  });
});
