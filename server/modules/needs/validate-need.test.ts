import { describe, expect, it } from "vitest";
import { ZCreateNeedInput } from "@/lib/schemas/needs";
import { needFieldErrors, type NeedTypeInfo } from "@/server/modules/needs/validate-need";
import { needsFromTemplate } from "@/server/modules/needs/templates";
import type { TNeedTemplate } from "@/lib/schemas/incidents";

const now = new Date("2026-07-01T08:00:00Z");
const pump: NeedTypeInfo = {
  id: "t1",
  code: "EQ-PUMP-1",
  category: "EQUIPMENT",
  nameZh: "大流量排水泵",
  nameEn: "High-flow pump",
  defaultUnit: "台",
  metrics: [{ key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow", min: 0, max: 5000 }],
};

const base = {
  incidentId: "inc1",
  typeId: "t1",
  title: "排水泵",
  requiredCapabilities: { flow_m3h: 500 },
  quantity: 4,
  unit: "unit",
  stagingLat: 32.05,
  stagingLng: 118.79,
  stagingAddress: "南京市玄武区中山路1号",
  neededBy: "2026-07-01T10:00:00Z",
  durationMinutes: 720,
  maxDistanceKm: 100,
};

function fieldsOf(input: unknown): string[] {
  const r = ZCreateNeedInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
}

describe("need input schema", () => {
  it("accepts a complete need and coerces the ISO date", () => {
    const r = ZCreateNeedInput.parse(base);
    expect(r.neededBy).toBeInstanceOf(Date);
    expect(r.priority).toBe("URGENT");
    expect(r.status).toBe("OPEN");
  });
  it.each([
    [{ quantity: 0 }, "quantity"],
    [{ quantity: -3 }, "quantity"],
    [{ quantity: 1.5 }, "quantity"],
    [{ stagingLat: 60 }, "stagingLat"],
    [{ stagingLng: 10 }, "stagingLng"],
    [{ stagingLat: 3.7 }, "stagingLat"],
    [{ maxDistanceKm: 0 }, "maxDistanceKm"],
    [{ maxDistanceKm: 2001 }, "maxDistanceKm"],
    [{ durationMinutes: 0 }, "durationMinutes"],
    [{ durationMinutes: 43_201 }, "durationMinutes"],
    [{ title: "x" }, "title"],
    [{ title: "x".repeat(121) }, "title"],
    [{ neededBy: "not a date" }, "neededBy"],
  ])("%o → error on %s", (patch, field) => {
    expect(fieldsOf({ ...base, ...patch })).toContain(field);
  });
  it("accepts the edges of the ranges", () => {
    expect(fieldsOf({ ...base, maxDistanceKm: 1, durationMinutes: 43_200, stagingLat: 53.6, stagingLng: 135.1 })).toEqual([]);
  });
});

describe("needFieldErrors", () => {
  it("passes a valid need", () => {
    expect(needFieldErrors({ unit: "unit", requiredCapabilities: { flow_m3h: 500 }, neededBy: new Date("2026-07-01T09:00:00Z") }, pump, now)).toEqual({});
  });
  it("refuses a past needed-by (beyond a minute of grace)", () => {
    expect(needFieldErrors({ neededBy: new Date("2026-07-01T07:58:00Z") }, pump, now)).toHaveProperty("neededBy");
    expect(needFieldErrors({ neededBy: new Date("2026-07-01T07:59:30Z") }, pump, now)).toEqual({});
  });
  it("refuses unknown units but accepts the type's own default unit", () => {
    expect(needFieldErrors({ unit: "furlong" }, pump, now)).toHaveProperty("unit");
    expect(needFieldErrors({ unit: "台" }, pump, now)).toEqual({});
    expect(needFieldErrors({ unit: "台" }, null, now)).toHaveProperty("unit");
  });
  it("refuses capability keys the type does not measure, and values outside the metric range", () => {
    expect(needFieldErrors({ requiredCapabilities: { seats: 10 } }, pump, now)).toHaveProperty(["requiredCapabilities.seats"]);
    expect(needFieldErrors({ requiredCapabilities: { flow_m3h: 9000 } }, pump, now)).toHaveProperty(["requiredCapabilities.flow_m3h"]);
    expect(needFieldErrors({ requiredCapabilities: { flow_m3h: -1 } }, pump, now)).toHaveProperty(["requiredCapabilities.flow_m3h"]);
  });
  it("refuses capability minimums on a free-text need (no type)", () => {
    expect(needFieldErrors({ requiredCapabilities: { flow_m3h: 1 } }, null, now)).toHaveProperty(["requiredCapabilities.flow_m3h"]);
  });
});

describe("needsFromTemplate", () => {
  const template: TNeedTemplate = {
    code: "FLOOD-URBAN-DISTRICT",
    incidentKind: "FLOOD",
    nameZh: "城市内涝",
    nameEn: "Urban flood",
    items: [
      { typeCode: "EQ-PUMP-1", typeId: "t1", category: "EQUIPMENT", titleZh: "排水泵", titleEn: "Pump", quantity: 2, unit: "unit", priority: "URGENT", durationMinutes: 720, requiredCapabilities: { flow_m3h: 1000 } },
      { typeCode: "EQ-BOAT-1", typeId: "t2", category: "EQUIPMENT", titleZh: "冲锋舟", titleEn: "Boat", quantity: 4, unit: "boat", priority: "LIFE_SAFETY", durationMinutes: 480, requiredCapabilities: {} },
    ],
  };
  const site = { lat: 32, lng: 118.8, address: "南京市" };

  it("posts every item at the incident site by default, needed-by from the priority", () => {
    const needs = needsFromTemplate(template, undefined, site, now);
    expect(needs.map((n) => [n.title, n.quantity, n.stagingAddress])).toEqual([["排水泵", 2, "南京市"], ["冲锋舟", 4, "南京市"]]);
    expect(needs[1]!.neededBy.getTime() - now.getTime()).toBe(60 * 60_000);
  });
  it("posts a chosen subset with edited quantities", () => {
    const needs = needsFromTemplate(template, [{ typeCode: "EQ-BOAT-1", quantity: 9 }], site, now);
    expect(needs).toHaveLength(1);
    expect(needs[0]).toMatchObject({ typeId: "t2", quantity: 9, priority: "LIFE_SAFETY" });
  });
  it("refuses an item that is not in the template", () => {
    expect(() => needsFromTemplate(template, [{ typeCode: "EQ-CRANE-1" }], site, now)).toThrow(/not an item/);
  });
});
