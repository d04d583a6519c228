import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "@/server/auth/password";
import { PASSWORD_MIN_LENGTH, ZPassword, ZSignUpKnightInput, normalizePhone } from "@/lib/schemas/auth";

describe("password policy (shared zod schema)", () => {
  it("rejects passwords shorter than 12 characters with a message key", () => {
    const r = ZPassword.safeParse("a".repeat(PASSWORD_MIN_LENGTH - 1));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("errors.passwordTooShort");
  });

  it("accepts 12 characters, counting CJK characters as characters", () => {
    expect(ZPassword.safeParse("a".repeat(12)).success).toBe(true);
    expect(ZPassword.safeParse("应急资源交换平台的密码很长").success).toBe(true);
  });

  it("rejects absurdly long passwords (argon2 input bound)", () => {
    expect(ZPassword.safeParse("a".repeat(129)).success).toBe(false);
  });

  it("normalises phone numbers", () => {
    expect(normalizePhone("+86 138-0013 8000")).toBe("13800138000");
    expect(normalizePhone("8613800138000")).toBe("13800138000");
    expect(normalizePhone("13800138000")).toBe("13800138000");
  });

  it("reports field paths for sign-up forms", () => {
    const r = ZSignUpKnightInput.safeParse({
      name: "",
      email: "nope",
      phone: "123",
      password: "short",
      vehicle: "BICYCLE",
      payloadKg: -1,
      homeDistrictCode: "32",
    });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toMatchObject({
      name: "errors.nameRequired",
      email: "errors.emailInvalid",
      phone: "errors.phoneInvalid",
      password: "errors.passwordTooShort",
      vehicle: "errors.vehicleInvalid",
      payloadKg: "errors.payloadInvalid",
      homeDistrictCode: "errors.regionInvalid",
    });
  });
});

describe("argon2id hashing", () => {
  it("hashes with argon2id and verifies", async () => {
    const h = await hashPassword("correct horse battery");
    expect(h.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(h, "correct horse battery")).toBe(true);
    expect(await verifyPassword(h, "wrong horse battery")).toBe(false);
  });

  it("treats a malformed stored hash as a mismatch", async () => {
    expect(await verifyPassword("not-a-hash", "whatever-password")).toBe(false);
  });

  it("the dummy check never succeeds", async () => {
    expect(await verifyAgainstDummy("muster-dummy-password-never-matches")).toBe(false);
  });
});
