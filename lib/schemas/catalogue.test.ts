import { describe, expect, it } from "vitest";
import { ZGetResourceTypeInput, ZListResourceTypesInput, ZQueryBoolean } from "@/lib/schemas/catalogue";

describe("ZQueryBoolean", () => {
  it("accepts booleans and their query-string spellings", () => {
    expect(ZQueryBoolean.parse(true)).toBe(true);
    expect(ZQueryBoolean.parse("true")).toBe(true);
    expect(ZQueryBoolean.parse(false)).toBe(false);
    expect(ZQueryBoolean.parse("false")).toBe(false);
  });

  it("rejects anything else instead of guessing", () => {
    for (const v of ["yes", "0", "", 1, null]) expect(ZQueryBoolean.safeParse(v).success).toBe(false);
  });
});

describe("ZListResourceTypesInput", () => {
  it("accepts no filters", () => {
    expect(ZListResourceTypesInput.parse({})).toEqual({});
  });

  it("trims the search text and checks the category", () => {
    expect(ZListResourceTypesInput.parse({ q: "  水泵 ", category: "EQUIPMENT", active: "true" })).toEqual({
      q: "水泵",
      category: "EQUIPMENT",
      active: true,
    });
    expect(ZListResourceTypesInput.safeParse({ category: "PUMPS" }).success).toBe(false);
    expect(ZListResourceTypesInput.safeParse({ q: "x".repeat(101) }).success).toBe(false);
  });
});

describe("ZGetResourceTypeInput", () => {
  it("allows catalogue codes only", () => {
    expect(ZGetResourceTypeInput.parse({ code: "PUMP_HIGH_FLOW" }).code).toBe("PUMP_HIGH_FLOW");
    expect(ZGetResourceTypeInput.safeParse({ code: "a b" }).success).toBe(false);
    expect(ZGetResourceTypeInput.safeParse({ code: "" }).success).toBe(false);
  });
});
