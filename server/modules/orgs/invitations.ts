import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { MANAGER_ROLES, requireOrgRole } from "@/server/modules/orgs/org-access";
import { sendInvitationEmail } from "@/server/modules/orgs/invitation-email";
import {
  generateInvitationToken,
  hashInvitationToken,
  invitationExpiry,
  invitationPath,
  invitationState,
} from "@/server/modules/orgs/invitation-token";
import type {
  TInvitationDto,
  TInvitationList,
  TInviteInput,
  TInviteResult,
  TOrgRef,
  TRevokeInvitationInput,
} from "@/lib/schemas/org";

/**
 * Invitations into an organisation. Owners and dispatchers invite by e-mail with a role (only owners
 * may invite owners); the link carries a random token whose SHA-256 is stored, valid for 7 days.
 * Inviting an address again replaces its pending invitation. Acceptance is in accept-invitation.ts.
 */

export const invitationSelect = {
  id: true,
  email: true,
  role: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  createdAt: true,
  invitedBy: { select: { name: true } },
} satisfies Prisma.InvitationSelect;

type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof invitationSelect }>;

export function toInvitationDto(row: InvitationRow, now: Date): TInvitationDto {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    state: invitationState(row, now),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    invitedByName: row.invitedBy.name,
  };
}

function fieldError(code: "CONFLICT" | "FORBIDDEN", field: string, key: string, message: string): AppError {
  return new AppError(code, message, { [field]: [key] });
}

export async function inviteToOrg(db: Db, actor: Actor, input: TInviteInput, now = new Date()): Promise<TInviteResult> {
  const access = await requireOrgRole(db, actor, input.orgId, MANAGER_ROLES);
  if (input.role === "OWNER" && access.role !== "OWNER") {
    throw fieldError("FORBIDDEN", "role", "errors.ownerInviteOwnerOnly", "Only owners can invite owners.");
  }
  const member = await db.membership.findFirst({
    where: { orgId: input.orgId, user: { email: input.email } },
    select: { id: true },
  });
  if (member) throw fieldError("CONFLICT", "email", "errors.alreadyMember", "This person is already a member.");

  const token = generateInvitationToken();
  const { dto, orgName, orgNameEn } = await inTransaction(db, async (tx) => {
    // A new invitation to the same address replaces the pending one (its old link stops working).
    await tx.invitation.updateMany({
      where: { orgId: input.orgId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const row = await tx.invitation.create({
      data: {
        orgId: input.orgId,
        email: input.email,
        role: input.role,
        tokenHash: hashInvitationToken(token),
        expiresAt: invitationExpiry(now),
        invitedById: actor.userId,
        createdAt: now,
      },
      select: { ...invitationSelect, org: { select: { name: true, nameEn: true } } },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: input.orgId,
      action: "org.invite",
      entityType: "Invitation",
      entityId: row.id,
      data: { email: input.email, role: input.role, expiresAt: row.expiresAt.toISOString() },
    });
    return { dto: toInvitationDto(row, now), orgName: row.org.name, orgNameEn: row.org.nameEn };
  });
  const path = invitationPath(token);
  await sendInvitationEmail({ to: input.email, orgName, orgNameEn, path });
  return { invitation: dto, acceptPath: path };
}

/** Newest first; pending ones are what the page acts on, the rest is history. */
export async function listOrgInvitations(db: Db, actor: Actor, input: TOrgRef, now = new Date()): Promise<TInvitationList> {
  await requireOrgRole(db, actor, input.orgId);
  const rows = await db.invitation.findMany({
    where: { orgId: input.orgId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: invitationSelect,
  });
  return { items: rows.map((r) => toInvitationDto(r, now)) };
}

export async function revokeOrgInvitation(db: Db, actor: Actor, input: TRevokeInvitationInput, now = new Date()): Promise<TInvitationDto> {
  await requireOrgRole(db, actor, input.orgId, MANAGER_ROLES);
  return inTransaction(db, async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: input.invitationId, orgId: input.orgId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const row = await tx.invitation.findFirst({ where: { id: input.invitationId, orgId: input.orgId }, select: invitationSelect });
    if (!row) throw new AppError("NOT_FOUND", "This invitation does not exist.");
    if (count === 0) {
      throw new AppError("CONFLICT", row.acceptedAt ? "This invitation has already been accepted." : "This invitation has already been revoked.");
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: input.orgId,
      action: "org.revokeInvitation",
      entityType: "Invitation",
      entityId: row.id,
      data: { email: row.email },
    });
    return toInvitationDto(row, now);
  });
}
