import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";

/**
 * Supplier payouts: a Stripe Connect Express account per supplier organisation, created once (idempotency
 * key per organisation, unique column), then a one-time onboarding link. Payouts are enabled only when
 * account.updated (re-read from Stripe) says transfers are active.
 */
export async function connectOnboardingLink(db: PrismaClient, cfg: PaymentsConfig, actor: Actor, orgId: string, locale = "zh-CN"): Promise<{ url: string; accountId: string }> {
  const m = actor.memberships.find((x) => x.orgId === orgId);
  if (!m || m.orgKind === "GOVERNMENT" || (m.orgRole !== "OWNER" && m.orgRole !== "DISPATCHER")) {
    throw new AppError("FORBIDDEN", "Only an owner or dispatcher of a supplier organisation may set up payouts.");
  }
  if (!cfg.stripe) throw new AppError("PRECONDITION_FAILED", "Card payment is not configured on this server.");
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { id: true, stripeAccountId: true, contactEmail: true } });
  let accountId = org.stripeAccountId;
  if (!accountId) {
    const account = await cfg.stripe.accounts.create(
      {
        type: "express",
        ...(org.contactEmail ? { email: org.contactEmail } : {}),
        capabilities: { transfers: { requested: true } },
        metadata: { orgId },
      },
      { idempotencyKey: `org:${orgId}:connect-account` },
    );
    accountId = account.id;
    await db.$transaction(async (tx) => {
      await tx.organization.update({ where: { id: orgId }, data: { stripeAccountId: accountId }, select: { id: true } });
      await recordAudit(tx, { actorId: actor.userId, orgId, action: "org.connect_account", entityType: "Organization", entityId: orgId, data: { accountId } });
    });
  }
  const back = `${cfg.appUrl}/${locale}/money`;
  // Account links are single-use: each request is a new link, the key only guards the SDK's own retry.
  const link = await cfg.stripe.accountLinks.create(
    { account: accountId, type: "account_onboarding", refresh_url: back, return_url: `${back}?onboarded=1` },
    { idempotencyKey: `org:${orgId}:account-link:${randomUUID()}` },
  );
  return { url: link.url, accountId };
}
