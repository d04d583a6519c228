import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/server/modules/audit/canonical-json";
import { auditHash } from "@/server/modules/audit/record-audit";

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  it("writes dates as ISO strings", () => {
    expect(canonicalJson({ at: new Date("2025-07-01T00:00:00Z") })).toBe('{"at":"2025-07-01T00:00:00.000Z"}');
  });
});

describe("auditHash", () => {
  const row = {
    actorId: "u1",
    orgId: null,
    action: "user.signUp",
    entityType: "User",
    entityId: "u1",
    data: { b: 2, a: 1 },
    createdAt: new Date("2025-07-01T00:00:00Z"),
  };

  it("is deterministic and independent of key order", () => {
    expect(auditHash(null, row)).toBe(auditHash(null, { ...row, data: { a: 1, b: 2 } }));
    expect(auditHash(null, row)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("chains: a different previous hash gives a different hash", () => {
    expect(auditHash("x", row)).not.toBe(auditHash(null, row));
    expect(auditHash(null, { ...row, action: "user.signIn" })).not.toBe(auditHash(null, row));
  });
});
