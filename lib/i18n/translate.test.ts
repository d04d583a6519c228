import { describe, expect, it, vi } from "vitest";
import { createTranslator, interpolate, lookupMessage, messageKeys } from "@/lib/i18n/translate";
import { translatorFor } from "@/lib/i18n/messages-for";

const messages = { a: { b: "Hello, {name}", c: { d: "deep" } }, plain: "x" } as const;

describe("translate", () => {
  it("looks up nested keys", () => {
    expect(lookupMessage(messages, "a.c.d")).toBe("deep");
    expect(lookupMessage(messages, "a.c")).toBeUndefined();
    expect(lookupMessage(messages, "plain.more")).toBeUndefined();
  });

  it("interpolates variables and leaves unknown placeholders visible", () => {
    expect(interpolate("Hi {name}, {n} left", { name: "王", n: 3 })).toBe("Hi 王, 3 left");
    expect(interpolate("Hi {missing}", { name: "x" })).toBe("Hi {missing}");
  });

  it("returns the key and reports a missing message once", () => {
    const onMissing = vi.fn();
    const t = createTranslator({ messages, namespace: "test", locale: "en", onMissing });
    expect(t("a.b", { name: "Li" })).toBe("Hello, Li");
    expect(t("nope.key")).toBe("test.nope.key");
    expect(t("nope.key")).toBe("test.nope.key");
    expect(onMissing).toHaveBeenCalledTimes(1);
    expect(onMissing).toHaveBeenCalledWith({ namespace: "test", key: "nope.key", locale: "en" });
  });

  it("lists leaf keys", () => {
    expect(messageKeys(messages)).toEqual(["a.b", "a.c.d", "plain"]);
  });

  it("translates from the real catalogue in both locales", () => {
    expect(translatorFor("zh-CN", "common")("actions.signIn")).toBe("登录");
    expect(translatorFor("en", "common")("actions.signIn")).toBe("Sign in");
  });
});
