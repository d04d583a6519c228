import { describe, expect, it } from "vitest";
import { searchHref, searchParamsOf, searchStateFrom } from "@/components/search/search-url";

describe("search URL state", () => {
  it("round-trips the whole query, kinds repeated", () => {
    const s = { q: "排涝泵车", kind: ["resource" as const, "need" as const], category: "EQUIPMENT" as const, region: "320100", near: "32.06,118.79", radiusKm: 25, available: true, verified: false, priceMode: "FREE" as const, typeCode: "EQ-PUMP-1" };
    const sp = searchParamsOf(s);
    expect(sp.getAll("kind")).toEqual(["resource", "need"]);
    expect(searchStateFrom(new URLSearchParams(sp.toString()))).toEqual(s);
  });

  it("drops invalid values one by one and a radius without a place", () => {
    const s = searchStateFrom(new URLSearchParams("q=boat&kind=rocket&region=32&near=north&radiusKm=5&available=maybe&category=EQUIPMENT"));
    expect(s).toEqual({ q: "boat", category: "EQUIPMENT" });
  });

  it("builds a locale href, empty query without a question mark", () => {
    expect(searchHref("en", {})).toBe("/en/search");
    expect(searchHref("zh-CN", { q: "冲锋舟" })).toBe(`/zh-CN/search?q=${encodeURIComponent("冲锋舟")}`);
  });
});
