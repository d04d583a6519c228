import { describe, expect, it } from "vitest";
import { localizedName } from "@/lib/i18n/localized-name";

describe("localizedName", () => {
  it("uses the English form on English pages", () => {
    expect(localizedName("en", "移动排涝泵站（2型）", "Mobile drainage pump station (type 2)")).toBe("Mobile drainage pump station (type 2)");
  });

  it("uses the Chinese name on Chinese pages, even when an English form exists", () => {
    expect(localizedName("zh-CN", "南京市水务局", "Nanjing Water Affairs Bureau")).toBe("南京市水务局");
  });

  it("falls back to the Chinese name only when there is no English form", () => {
    expect(localizedName("en", "南京市水务局", null)).toBe("南京市水务局");
    expect(localizedName("en", "南京市水务局", undefined)).toBe("南京市水务局");
    expect(localizedName("en", "南京市水务局", "  ")).toBe("南京市水务局");
  });

  it("trims the English form", () => {
    expect(localizedName("en", "南京", " Nanjing ")).toBe("Nanjing");
  });
});
