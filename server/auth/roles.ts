import type { Role } from "@/server/auth/permissions";
import type { ActorMembership } from "@/server/auth/actor-type";

export type RoleSource = {
  platformRole: "USER" | "ADMIN";
  kind: "REQUESTER" | "SUPPLIER" | "EXPERT" | "KNIGHT" | "ADMIN";
  memberships: readonly Pick<ActorMembership, "orgKind">[];
};

const KIND_ROLE = { REQUESTER: "REQUESTER", SUPPLIER: "SUPPLIER", EXPERT: "EXPERT", KNIGHT: "KNIGHT" } as const;

/**
 * Platform roles of a signed-in person. The persona chosen at sign-up (`kind`) gives its role;
 * memberships add the role of the organisation's side (a government org → REQUESTER, any other
 * kind → SUPPLIER), so someone invited into an organisation gets that side's screens. Whether the
 * organisation is VERIFIED is checked by the module functions that need it, not here.
 * ADMIN comes only from platformRole — `kind` is a profile label, never a privilege.
 */
export function deriveRoles(src: RoleSource): Role[] {
  const roles = new Set<Role>();
  if (src.platformRole === "ADMIN") roles.add("ADMIN");
  if (src.kind !== "ADMIN") roles.add(KIND_ROLE[src.kind]);
  for (const m of src.memberships) roles.add(m.orgKind === "GOVERNMENT" ? "REQUESTER" : "SUPPLIER");
  return [...roles];
}
