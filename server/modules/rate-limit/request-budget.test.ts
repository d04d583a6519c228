import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor-type";
import { DEFAULT_RATE_LIMITER, RATE_LIMITS } from "@/server/modules/rate-limit/rate-limit-config";
import { budgetHit, type BudgetRequest } from "@/server/modules/rate-limit/request-budget";

const person: Actor = { via: "session", userId: "u1", roles: ["KNIGHT"], memberships: [] };
const key = (scopes: string[]): Actor => ({ via: "apiKey", userId: "u2", roles: ["API_CLIENT"], memberships: [], apiKey: { id: "k1", orgId: "o", scopes } });
const req = (r: Partial<BudgetRequest>): BudgetRequest => ({ actor: null, ip: "203.0.113.7", presentedKey: false, transport: "rest", type: "query", ...r });
const hit = (r: Partial<BudgetRequest>) => budgetHit(req(r), DEFAULT_RATE_LIMITER);

describe("who pays for a request", () => {
  it("an API key pays for every call on either transport", () => {
    for (const transport of ["rest", "trpc"] as const) {
      for (const type of ["query", "mutation"] as const) {
        expect(hit({ actor: key(["catalogue:read"]), presentedKey: true, transport, type })).toEqual({ key: "key:k1", budget: RATE_LIMITS.apiKey });
      }
    }
    expect(hit({ actor: key(["catalogue:read", "platform:riders"]), presentedKey: true })?.budget).toBe(RATE_LIMITS.platformKey);
    expect(hit({ actor: key(["incidents:read", "command:read"]), presentedKey: true })).toEqual({ key: "key:k1", budget: RATE_LIMITS.commandKey });
  });

  it("a person pays per user for REST calls and tRPC mutations; tRPC queries and the live feed are free", () => {
    expect(hit({ actor: person })).toEqual({ key: "user:u1", budget: RATE_LIMITS.user });
    expect(hit({ actor: person, transport: "trpc", type: "mutation" })).toEqual({ key: "user:u1", budget: RATE_LIMITS.user });
    expect(hit({ actor: person, transport: "trpc", type: "query" })).toBeNull();
    expect(hit({ actor: person, transport: "trpc", type: "subscription" })).toBeNull();
  });

  it("anonymous callers pay per IP; a bad key pays the IP's failed-key budget whatever it calls", () => {
    expect(hit({})).toEqual({ key: "ip:203.0.113.7", budget: RATE_LIMITS.anonymous });
    expect(hit({ transport: "trpc", type: "mutation", ip: null })).toEqual({ key: "ip:unknown", budget: RATE_LIMITS.anonymous });
    expect(hit({ transport: "trpc", type: "query" })).toBeNull();
    for (const type of ["query", "mutation", "subscription"] as const) {
      expect(hit({ presentedKey: true, transport: "trpc", type })).toEqual({ key: "authfail:203.0.113.7", budget: RATE_LIMITS.authFailure });
    }
  });

  it("a delivery platform's budget takes a 500-rider accept wave in one second with room for its other calls", () => {
    const perSecondBurst = RATE_LIMITS.platformKey.limit;
    expect(perSecondBurst).toBeGreaterThanOrEqual(500 * 4);
    expect(RATE_LIMITS.apiKey.limit).toBeLessThan(300); // the reported 300 back-to-back calls no longer all pass
  });
});
