import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { OrgRole } from "@/server/generated/prisma/enums";
import { AppError } from "@/server/errors";

export type OrgAccess = { membershipId: string; role: OrgRole };

/** Roles that may change an organisation's profile and invite people. */
export const MANAGER_ROLES: readonly OrgRole[] = ["OWNER", "DISPATCHER"];

/**
 * The caller's membership of `orgId`, read from the database (not the session snapshot, so a role
 * change or removal applies at once). Not a member → NOT_FOUND: an outsider learns nothing, not even
 * that the organisation exists. A member without one of `roles` → FORBIDDEN. API keys never manage
 * an organisation's people.
 */
export async function requireOrgRole(db: Db, actor: Actor, orgId: string, roles?: readonly OrgRole[]): Promise<OrgAccess> {
  if (actor.via !== "session") throw new AppError("FORBIDDEN", "Organisations are managed by signed-in members.");
  const m = await db.membership.findUnique({
    where: { userId_orgId: { userId: actor.userId, orgId } },
    select: { id: true, role: true },
  });
  if (!m) throw new AppError("NOT_FOUND", "This organisation does not exist or you are not a member of it.");
  if (roles && !roles.includes(m.role)) {
    throw new AppError("FORBIDDEN", "Your role in this organisation does not allow this.");
  }
  return { membershipId: m.id, role: m.role };
}
