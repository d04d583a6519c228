import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { requireOrgRole } from "@/server/modules/orgs/org-access";
import type { TOrgMemberDto, TOrgMemberList, TOrgRef, TRemoveMemberInput, TSetMemberRoleInput } from "@/lib/schemas/org";

/**
 * Members of an organisation. Every member sees the list; only owners change roles or remove people
 * (anyone may leave). An organisation always keeps at least one owner: the owners' rows are locked
 * (FOR UPDATE) before the check, so two owners demoting each other at once cannot both succeed.
 */

const memberSelect = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true } },
} satisfies Prisma.MembershipSelect;

const ROLE_ORDER = { OWNER: 0, DISPATCHER: 1, MEMBER: 2 } as const;

export async function listOrgMembers(db: Db, actor: Actor, input: TOrgRef): Promise<TOrgMemberList> {
  const access = await requireOrgRole(db, actor, input.orgId);
  const rows = await db.membership.findMany({ where: { orgId: input.orgId }, select: memberSelect, take: 1000 });
  const items: TOrgMemberDto[] = rows
    .map((m) => ({
      membershipId: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
      isSelf: m.user.id === actor.userId,
    }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.joinedAt.getTime() - b.joinedAt.getTime());
  return { items, myRole: access.role };
}

type Tx = Prisma.TransactionClient;

/** Locks the organisation's owner rows and returns how many there are. */
async function lockOwners(tx: Tx, orgId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM membership WHERE org_id = ${orgId} AND role = 'OWNER' FOR UPDATE`;
  return rows.length;
}

const LAST_OWNER = () =>
  new AppError("CONFLICT", "An organisation needs at least one owner. Make someone else an owner first.", {
    role: ["errors.lastOwner"],
  });

async function findTarget(tx: Tx, orgId: string, membershipId: string) {
  const target = await tx.membership.findFirst({ where: { id: membershipId, orgId }, select: { id: true, role: true, userId: true } });
  if (!target) throw new AppError("NOT_FOUND", "This person is not a member of the organisation.");
  return target;
}

export async function setOrgMemberRole(db: Db, actor: Actor, input: TSetMemberRoleInput): Promise<TOrgMemberDto> {
  await requireOrgRole(db, actor, input.orgId, ["OWNER"]);
  return inTransaction(db, async (tx) => {
    const owners = await lockOwners(tx, input.orgId);
    const target = await findTarget(tx, input.orgId, input.membershipId);
    if (target.role === "OWNER" && input.role !== "OWNER" && owners <= 1) throw LAST_OWNER();
    const m = await tx.membership.update({ where: { id: target.id }, data: { role: input.role }, select: memberSelect });
    if (target.role !== input.role) {
      await recordAudit(tx, {
        actorId: actor.userId,
        orgId: input.orgId,
        action: "org.setMemberRole",
        entityType: "Membership",
        entityId: target.id,
        data: { userId: target.userId, from: target.role, to: input.role },
      });
    }
    return {
      membershipId: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
      isSelf: m.user.id === actor.userId,
    };
  });
}

export async function removeOrgMember(db: Db, actor: Actor, input: TRemoveMemberInput): Promise<{ removed: true }> {
  const access = await requireOrgRole(db, actor, input.orgId);
  const leaving = access.membershipId === input.membershipId;
  if (!leaving && access.role !== "OWNER") throw new AppError("FORBIDDEN", "Only owners can remove members.");
  return inTransaction(db, async (tx) => {
    const owners = await lockOwners(tx, input.orgId);
    const target = await findTarget(tx, input.orgId, input.membershipId);
    if (target.role === "OWNER" && owners <= 1) throw LAST_OWNER();
    await tx.membership.delete({ where: { id: target.id }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: input.orgId,
      action: leaving ? "org.leave" : "org.removeMember",
      entityType: "Membership",
      entityId: target.id,
      data: { userId: target.userId, role: target.role },
    });
    return { removed: true as const };
  });
}
