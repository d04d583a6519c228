import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor-type";
import { isDispatcherOf, isOverlapViolation, isSupplierOf } from "@/server/modules/offers/offer-access";
import { haversineKm } from "@/server/modules/offers/offer-inbox";
import { backoffSeconds } from "@/server/jobs/queue";

const person = (orgId: string, orgRole: "OWNER" | "DISPATCHER" | "MEMBER"): Actor => ({
  via: "session", userId: "u1", roles: ["SUPPLIER"], memberships: [{ orgId, orgRole, orgKind: "ENTERPRISE", verification: "VERIFIED" }],
});

describe("offer rules", () => {
  it("supplier side: any member of the owning org, its API key, or the owning expert", () => {
    const o = { supplierOrgId: "sup", supplierUserId: null };
    expect(isSupplierOf(person("sup", "MEMBER"), o)).toBe(true);
    expect(isSupplierOf(person("other", "OWNER"), o)).toBe(false);
    expect(isSupplierOf({ ...person("other", "OWNER"), via: "apiKey", apiKey: { id: "k", orgId: "sup", scopes: [] } }, o)).toBe(true);
    expect(isSupplierOf({ ...person("sup", "OWNER"), via: "apiKey", apiKey: { id: "k", orgId: "x", scopes: [] } }, o)).toBe(false);
    expect(isSupplierOf(person("other", "MEMBER"), { supplierOrgId: null, supplierUserId: "u1" })).toBe(true);
  });

  it("requester side: only DISPATCHER or OWNER of the incident's org", () => {
    expect(isDispatcherOf(person("gov", "DISPATCHER"), { requesterOrgId: "gov" })).toBe(true);
    expect(isDispatcherOf(person("gov", "OWNER"), { requesterOrgId: "gov" })).toBe(true);
    expect(isDispatcherOf(person("gov", "MEMBER"), { requesterOrgId: "gov" })).toBe(false);
    expect(isDispatcherOf(person("sup", "OWNER"), { requesterOrgId: "gov" })).toBe(false);
  });

  it("recognises the exclusion violation (23P01) and nothing else", () => {
    expect(isOverlapViolation({ message: "x", meta: { driverAdapterError: { cause: { originalCode: "23P01" } } } })).toBe(true);
    expect(isOverlapViolation(new Error('violates exclusion constraint "assignment_no_overlap"'))).toBe(true);
    expect(isOverlapViolation(new Error("unique constraint"))).toBe(false);
    expect(isOverlapViolation(null)).toBe(false);
  });

  it("haversine: Nanjing Xinjiekou → Nanjing South station ≈ 9 km; backoff grows and caps", () => {
    expect(haversineKm(32.0417, 118.7784, 31.9686, 118.7976)).toBeGreaterThan(8);
    expect(haversineKm(32.0417, 118.7784, 31.9686, 118.7976)).toBeLessThan(9);
    expect(backoffSeconds(1)).toBe(2);
    expect(backoffSeconds(4)).toBe(16);
    expect(backoffSeconds(30)).toBe(600);
  });
});
