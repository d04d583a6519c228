import { describe, expect, it } from "vitest";
import { browseHref, searchParamsFromState, stateFromSearchParams } from "@/components/listings/browse/browse-url";

describe("browse URL state", () => {
  it("round-trips filters through the query string", () => {
    const s = { category: "EQUIPMENT" as const, regionCode: "320104", availableNow: true, q: "泵", near: "32.06,118.79", verifiedOnly: false };
    expect(stateFromSearchParams(searchParamsFromState(s))).toEqual(s);
  });

  it("drops invalid values instead of failing", () => {
    expect(stateFromSearchParams(new URLSearchParams("category=NOPE&regionCode=12&bbox=1,2&near=x&q=ok"))).toEqual({ q: "ok" });
  });

  it("leaves defaults out of the URL", () => {
    expect(browseHref("en", { verifiedOnly: true, availableNow: false })).toBe("/en/listings/browse");
    expect(browseHref("zh-CN", { category: "TEAM" })).toBe("/zh-CN/listings/browse?category=TEAM");
  });
});
