import { describe, expect, it } from "vitest";
import { localizePath, matchLocale, negotiateLocale, parseAcceptLanguage, splitLocalePath } from "@/lib/i18n/negotiate";

describe("negotiateLocale", () => {
  it("prefers the cookie", () => {
    expect(negotiateLocale({ cookie: "en", acceptLanguage: "zh-CN,zh;q=0.9" })).toBe("en");
  });
  it("ignores an unsupported cookie and falls back to Accept-Language", () => {
    expect(negotiateLocale({ cookie: "fr", acceptLanguage: "en-GB,en;q=0.8" })).toBe("en");
  });
  it("honours q-values", () => {
    expect(negotiateLocale({ acceptLanguage: "fr;q=1, en;q=0.5, zh;q=0.9" })).toBe("zh-CN");
    expect(negotiateLocale({ acceptLanguage: "zh;q=0, en;q=0.1" })).toBe("en");
  });
  it("defaults to zh-CN", () => {
    expect(negotiateLocale({})).toBe("zh-CN");
    expect(negotiateLocale({ acceptLanguage: "de-DE,fr;q=0.5" })).toBe("zh-CN");
    expect(negotiateLocale({ acceptLanguage: "*" })).toBe("zh-CN");
  });
});

describe("matchLocale / parseAcceptLanguage", () => {
  it("maps Chinese variants to zh-CN and English variants to en", () => {
    expect(matchLocale("zh-Hans-CN")).toBe("zh-CN");
    expect(matchLocale("ZH-cn")).toBe("zh-CN");
    expect(matchLocale("en-US")).toBe("en");
    expect(matchLocale("ja")).toBeNull();
  });
  it("orders tags by q and drops malformed entries", () => {
    expect(parseAcceptLanguage("en;q=0.5, zh-CN, ,ja;q=0.7")).toEqual(["zh-CN", "ja", "en"]);
  });
});

describe("splitLocalePath / localizePath", () => {
  it("splits a locale prefix", () => {
    expect(splitLocalePath("/en/dashboard")).toEqual({ locale: "en", exact: true, rest: "/dashboard" });
    expect(splitLocalePath("/zh-CN")).toEqual({ locale: "zh-CN", exact: true, rest: "/" });
    expect(splitLocalePath("/zh-cn/a")).toEqual({ locale: "zh-CN", exact: false, rest: "/a" });
    expect(splitLocalePath("/dashboard")).toEqual({ locale: null, exact: false, rest: "/dashboard" });
    expect(splitLocalePath("/")).toEqual({ locale: null, exact: false, rest: "/" });
  });
  it("swaps or adds the locale prefix", () => {
    expect(localizePath("/zh-CN/dashboard", "en")).toBe("/en/dashboard");
    expect(localizePath("/en", "zh-CN")).toBe("/zh-CN");
    expect(localizePath("/dashboard", "en")).toBe("/en/dashboard");
    expect(localizePath("/", "en")).toBe("/en");
    expect(localizePath("/english-docs", "zh-CN")).toBe("/zh-CN/english-docs");
  });
});
