import { describe, expect, it } from "vitest";
import { deriveRoles } from "@/server/auth/roles";

describe("deriveRoles", () => {
  it.each([
    ["REQUESTER", ["REQUESTER"]],
    ["SUPPLIER", ["SUPPLIER"]],
    ["EXPERT", ["EXPERT"]],
    ["KNIGHT", ["KNIGHT"]],
  ] as const)("kind %s gives %j", (kind, roles) => {
    expect(deriveRoles({ platformRole: "USER", kind, memberships: [] })).toEqual(roles);
  });

  it("ADMIN comes from platformRole, not from kind", () => {
    expect(deriveRoles({ platformRole: "USER", kind: "ADMIN", memberships: [] })).toEqual([]);
    expect(deriveRoles({ platformRole: "ADMIN", kind: "ADMIN", memberships: [] })).toEqual(["ADMIN"]);
    expect(deriveRoles({ platformRole: "ADMIN", kind: "KNIGHT", memberships: [] }).sort()).toEqual(["ADMIN", "KNIGHT"]);
  });

  it("memberships add their side's role", () => {
    expect(deriveRoles({ platformRole: "USER", kind: "EXPERT", memberships: [{ orgKind: "RESCUE_TEAM" }] }).sort()).toEqual([
      "EXPERT",
      "SUPPLIER",
    ]);
    expect(deriveRoles({ platformRole: "USER", kind: "KNIGHT", memberships: [{ orgKind: "GOVERNMENT" }] }).sort()).toEqual([
      "KNIGHT",
      "REQUESTER",
    ]);
  });

  it("never repeats a role", () => {
    const roles = deriveRoles({
      platformRole: "USER",
      kind: "SUPPLIER",
      memberships: [{ orgKind: "ENTERPRISE" }, { orgKind: "RESEARCH" }],
    });
    expect(roles).toEqual(["SUPPLIER"]);
  });
});
