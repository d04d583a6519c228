import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { hashInvitationToken, invitationState } from "@/server/modules/orgs/invitation-token";
import type { TAcceptInvitationInput, TAcceptInvitationResult, TInvitationPreview } from "@/lib/schemas/org";

/**
 * The invitee's side. Holding the token is what lets someone see which organisation invited them;
 * accepting also needs a signed-in account whose e-mail is the invited address. Acceptance is
 * conditional on the invitation still being open, so it creates the membership exactly once.
 */

const NOT_FOUND = () => new AppError("NOT_FOUND", "This invitation link is not valid. Ask for a new invitation.");

async function findByToken(db: Db, token: string) {
  return db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      id: true,
      orgId: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      org: { select: { name: true, nameEn: true } },
    },
  });
}

async function actorEmail(db: Db, actor: Actor): Promise<string | null> {
  const u = await db.user.findUnique({ where: { id: actor.userId }, select: { email: true } });
  return u?.email?.toLowerCase() ?? null;
}

export async function previewInvitation(db: Db, actor: Actor, input: TAcceptInvitationInput, now = new Date()): Promise<TInvitationPreview> {
  const inv = await findByToken(db, input.token);
  if (!inv) throw NOT_FOUND();
  const [email, member] = await Promise.all([
    actorEmail(db, actor),
    db.membership.findUnique({ where: { userId_orgId: { userId: actor.userId, orgId: inv.orgId } }, select: { id: true } }),
  ]);
  return {
    orgName: inv.org.name,
    orgNameEn: inv.org.nameEn,
    role: inv.role,
    state: invitationState(inv, now),
    expiresAt: inv.expiresAt,
    emailMatches: email === inv.email,
    alreadyMember: !!member,
  };
}

const STATE_ERRORS = {
  ACCEPTED: () => new AppError("CONFLICT", "This invitation has already been accepted."),
  REVOKED: () => new AppError("PRECONDITION_FAILED", "This invitation has been withdrawn. Ask for a new one."),
  EXPIRED: () => new AppError("PRECONDITION_FAILED", "This invitation has expired. Ask for a new one."),
} as const;

export async function acceptInvitation(db: Db, actor: Actor, input: TAcceptInvitationInput, now = new Date()): Promise<TAcceptInvitationResult> {
  if (actor.via !== "session") throw new AppError("FORBIDDEN", "Invitations are accepted by signed-in people.");
  const inv = await findByToken(db, input.token);
  if (!inv) throw NOT_FOUND();
  const state = invitationState(inv, now);
  if (state !== "PENDING") throw STATE_ERRORS[state]();
  if ((await actorEmail(db, actor)) !== inv.email) {
    throw new AppError("FORBIDDEN", "This invitation was sent to a different e-mail address. Sign in with that address to accept it.");
  }
  return inTransaction(db, async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count === 0) throw STATE_ERRORS.ACCEPTED();
    const existing = await tx.membership.findUnique({
      where: { userId_orgId: { userId: actor.userId, orgId: inv.orgId } },
      select: { id: true },
    });
    if (existing) throw new AppError("CONFLICT", "You are already a member of this organisation.");
    const m = await tx.membership.create({
      data: { userId: actor.userId, orgId: inv.orgId, role: inv.role },
      select: { id: true, role: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: inv.orgId,
      action: "org.acceptInvitation",
      entityType: "Membership",
      entityId: m.id,
      data: { invitationId: inv.id, role: m.role },
    });
    return { orgId: inv.orgId, role: m.role };
  });
}
