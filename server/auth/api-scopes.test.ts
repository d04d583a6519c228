import { describe, expect, it } from "vitest";
import { API_KEY_SCOPES, SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import type { Actor } from "@/server/auth/actor-type";
import { SCOPE_FOR_PERMISSION, missingScope } from "@/server/auth/api-scopes";
import { can, permissionsOf } from "@/server/auth/permissions";

const key = (scopes: string[]): Actor => ({
  via: "apiKey",
  userId: "u",
  roles: ["API_CLIENT"],
  memberships: [],
  apiKey: { id: "k", orgId: "o", scopes },
});

describe("API key scopes", () => {
  it("gives every permission an API key may hold a scope (or an explicit per-topic null)", () => {
    for (const p of permissionsOf(["API_CLIENT"])) expect(SCOPE_FOR_PERMISSION, p).toHaveProperty([p]);
  });

  it("maps only to known scopes, and every scope opens something", () => {
    const used = new Set(Object.values(SCOPE_FOR_PERMISSION).filter(Boolean));
    expect([...used].every((s) => (API_KEY_SCOPES as readonly string[]).includes(s!))).toBe(true);
    expect([...used].sort()).toEqual([...API_KEY_SCOPES].sort());
  });

  it("names the missing scope for a key, never for a session", () => {
    expect(missingScope(key(["catalogue:read"]), "listing.write")).toBe("listings:write");
    expect(missingScope(key(["listings:write"]), "listing.write")).toBeNull();
    expect(missingScope(key([]), "live.read")).toBeNull();
    expect(missingScope(key(API_KEY_SCOPES as unknown as string[]), "org.manage")).toBe("none");
    expect(missingScope({ ...key([]), via: "session", apiKey: undefined, roles: ["SUPPLIER"] }, "listing.write")).toBeNull();
  });

  it("offers each organisation kind only scopes whose permissions API keys have", () => {
    for (const scopes of Object.values(SCOPES_BY_ORG_KIND)) {
      for (const s of scopes) {
        const perms = Object.entries(SCOPE_FOR_PERMISSION).filter(([, v]) => v === s).map(([p]) => p);
        expect(perms.some((p) => can(["API_CLIENT"], p as never)), s).toBe(true);
      }
    }
  });
});
