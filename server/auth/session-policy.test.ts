import { describe, expect, it } from "vitest";
import {
  isDueForExtension,
  isSessionLive,
  nextExpiry,
  readCookie,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
  SESSION_UPDATE_AGE_SECONDS,
  sessionTokenFromCookieHeader,
} from "@/server/auth/session-policy";

const t0 = new Date("2025-07-01T00:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe("session limits", () => {
  it("expires after 30 idle minutes", () => {
    const s = { createdAt: t0, expires: nextExpiry(t0, t0) };
    expect(s.expires).toEqual(at(SESSION_IDLE_SECONDS));
    expect(isSessionLive(s, at(SESSION_IDLE_SECONDS - 1))).toBe(true);
    expect(isSessionLive(s, at(SESSION_IDLE_SECONDS))).toBe(false);
  });

  it("never outlives 12 hours, however active", () => {
    const late = at(SESSION_ABSOLUTE_SECONDS - 60);
    const expires = nextExpiry(t0, late);
    expect(expires).toEqual(at(SESSION_ABSOLUTE_SECONDS));
    expect(isSessionLive({ createdAt: t0, expires: at(SESSION_ABSOLUTE_SECONDS + 3600) }, at(SESSION_ABSOLUTE_SECONDS))).toBe(false);
  });

  it("extends at most once per update age", () => {
    const s = { createdAt: t0, expires: nextExpiry(t0, t0) };
    expect(isDueForExtension(s, at(SESSION_UPDATE_AGE_SECONDS - 1))).toBe(false);
    expect(isDueForExtension(s, at(SESSION_UPDATE_AGE_SECONDS))).toBe(true);
  });
});

describe("cookies", () => {
  it("reads a named cookie", () => {
    expect(readCookie("a=1; authjs.session-token=abc%3D; b=2", "authjs.session-token")).toBe("abc=");
    expect(readCookie("a=1", "authjs.session-token")).toBeNull();
    expect(readCookie(null, "x")).toBeNull();
  });

  it("prefers the __Secure- session cookie", () => {
    expect(sessionTokenFromCookieHeader("authjs.session-token=plain; __Secure-authjs.session-token=secure")).toBe("secure");
    expect(sessionTokenFromCookieHeader("authjs.session-token=plain")).toBe("plain");
  });
});
