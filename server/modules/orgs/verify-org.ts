import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { orgIdentitySelect } from "@/server/modules/orgs/org-identity-select";
import type {
  TListPendingOrgsInput,
  TOrgVerificationResult,
  TPendingOrgList,
  TRejectOrgInput,
  TVerifyOrgInput,
} from "@/lib/schemas/org";

/**
 * The organisation review queue. Only platform admins reach these functions (permission "org.verify",
 * checked by the procedure); the queue is platform-wide by nature, so reads are not org-scoped.
 * A decision is made once: the update is conditional on the row still being PENDING, so two admins
 * deciding at the same moment cannot both win, and the audit row commits with the change or not at all.
 */

const pendingSelect = {
  ...orgIdentitySelect,
  createdAt: true,
} satisfies Prisma.OrganizationSelect;

const resultSelect = {
  id: true,
  name: true,
  verification: true,
  verifiedAt: true,
  rejectionReason: true,
} satisfies Prisma.OrganizationSelect;

/** Oldest first: whoever has waited longest is reviewed first. */
export async function listPendingOrganizations(db: Db, input: TListPendingOrgsInput): Promise<TPendingOrgList> {
  const where = { verification: "PENDING" as const };
  const [items, total] = await Promise.all([
    db.organization.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: input.limit,
      select: pendingSelect,
    }),
    db.organization.count({ where }),
  ]);
  return { items, total };
}

type Decision = { to: "VERIFIED" } | { to: "REJECTED"; reason: string };

async function decide(db: Db, actor: Actor, orgId: string, decision: Decision, now: Date): Promise<TOrgVerificationResult> {
  return inTransaction(db, async (tx) => {
    const data: Prisma.OrganizationUncheckedUpdateManyInput =
      decision.to === "VERIFIED"
        ? { verification: "VERIFIED", verifiedAt: now, verifiedById: actor.userId, rejectionReason: null }
        : { verification: "REJECTED", verifiedAt: null, verifiedById: actor.userId, rejectionReason: decision.reason };
    const { count } = await tx.organization.updateMany({ where: { id: orgId, verification: "PENDING" }, data });
    if (count === 0) {
      const current = await tx.organization.findUnique({ where: { id: orgId }, select: { verification: true } });
      if (!current) throw new AppError("NOT_FOUND", "This organisation does not exist.");
      throw new AppError(
        "CONFLICT",
        current.verification === "VERIFIED"
          ? "This organisation has already been verified."
          : "This organisation has already been rejected.",
      );
    }
    const action = decision.to === "VERIFIED" ? "org.verify" : "org.reject";
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId,
      action,
      entityType: "Organization",
      entityId: orgId,
      data: { from: "PENDING", to: decision.to, ...(decision.to === "REJECTED" ? { reason: decision.reason } : {}) },
    });
    // Tells the organisation's people (notifications read the outbox), committed with the decision.
    await tx.outboxEvent.create({
      data: {
        topic: action === "org.verify" ? "org.verified" : "org.rejected",
        aggregateId: orgId,
        payload: decision.to === "REJECTED" ? { reason: decision.reason } : {},
      },
      select: { id: true },
    });
    return tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: resultSelect });
  });
}

export function verifyOrganization(db: Db, actor: Actor, input: TVerifyOrgInput, now = new Date()) {
  return decide(db, actor, input.orgId, { to: "VERIFIED" }, now);
}

export function rejectOrganization(db: Db, actor: Actor, input: TRejectOrgInput, now = new Date()) {
  return decide(db, actor, input.orgId, { to: "REJECTED", reason: input.reason }, now);
}
