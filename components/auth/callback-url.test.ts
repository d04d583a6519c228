import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { ZLocalPath } from "@/lib/schemas/auth";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("en", "/en/requests?tab=open")).toBe("/en/requests?tab=open");
  });

  it.each(["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "", null, "/zh-CN/sign-in", "/en/sign-up/knight"])(
    "falls back to the dashboard for %j",
    (raw) => {
      expect(safeCallbackUrl("zh-CN", raw)).toBe("/zh-CN/dashboard");
    },
  );

  it("the email-link schema applies the same same-site rule", () => {
    expect(ZLocalPath.safeParse("/en/dashboard").success).toBe(true);
    expect(ZLocalPath.safeParse("//evil.example").success).toBe(false);
    expect(ZLocalPath.safeParse("/\\evil.example").success).toBe(false);
    expect(ZLocalPath.safeParse("https://evil.example").success).toBe(false);
  });
});
