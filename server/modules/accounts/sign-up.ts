import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type {
  TNewOrganization,
  TSignUpExpertInput,
  TSignUpKnightInput,
  TSignUpRequesterInput,
  TSignUpSupplierInput,
} from "@/lib/schemas/auth";
import { hashPassword } from "@/server/auth/password";
import { createSessionForUser, type CreatedSession } from "@/server/auth/session-store";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { assertAccountFree, assertRegion, fieldError, mapUniqueViolation } from "@/server/modules/accounts/account-rules";

/**
 * The four ways to join Muster. Each is one transaction — user, organisation/membership or profile,
 * audit event and the first session commit together or not at all — and the caller (the router)
 * only has to set the session cookie. Inputs arrive parsed by the shared zod schemas.
 */
export type SignUpResult = { userId: string; orgId: string | null; session: CreatedSession };

type AccountFields = { name: string; email: string; phone?: string; locale: string };
type UserKind = "REQUESTER" | "SUPPLIER" | "EXPERT" | "KNIGHT";
type OrgKind = "GOVERNMENT" | "ENTERPRISE" | "RESCUE_TEAM" | "SOCIAL_FORCE" | "RESEARCH";

async function createUser(tx: Prisma.TransactionClient, a: AccountFields, kind: UserKind, passwordHash: string) {
  return tx.user.create({
    data: { name: a.name, email: a.email, phone: a.phone ?? null, passwordHash, locale: a.locale, kind },
    select: { id: true },
  });
}

/** A new organisation (always PENDING until a platform admin verifies it) owned by the new user. */
async function createOwnedOrganization(
  tx: Prisma.TransactionClient,
  userId: string,
  a: AccountFields,
  org: TNewOrganization,
  kind: OrgKind,
): Promise<string> {
  await assertRegion(tx, org.regionCode, "org.regionCode");
  const created = await tx.organization.create({
    data: {
      name: org.name,
      nameEn: org.nameEn ?? null,
      kind,
      regionCode: org.regionCode,
      unifiedSocialCreditCode: org.unifiedSocialCreditCode ?? null,
      contactName: a.name,
      contactPhone: org.contactPhone,
      contactEmail: a.email,
      address: org.address,
      description: org.description ?? null,
      verification: "PENDING",
    },
    select: { id: true },
  });
  await tx.membership.create({ data: { userId, orgId: created.id, role: "OWNER" }, select: { id: true } });
  await recordAudit(tx, {
    actorId: userId,
    orgId: created.id,
    action: "organization.create",
    entityType: "Organization",
    entityId: created.id,
    data: { kind, name: org.name, regionCode: org.regionCode, via: "signUp" },
  });
  return created.id;
}

/** Shared tail: audit the new user, open the first session. */
async function finish(
  tx: Prisma.TransactionClient,
  userId: string,
  orgId: string | null,
  data: Record<string, unknown>,
): Promise<SignUpResult> {
  await recordAudit(tx, { actorId: userId, orgId, action: "user.signUp", entityType: "User", entityId: userId, data });
  const session = await createSessionForUser(tx, userId);
  return { userId, orgId, session };
}

/** Hash outside the transaction (argon2 takes tens of ms; no reason to hold a connection for it). */
async function run<T>(db: Db, password: string, creditCodeField: string, fn: (tx: Prisma.TransactionClient, hash: string) => Promise<T>) {
  const passwordHash = await hashPassword(password);
  try {
    return await inTransaction(db, (tx) => fn(tx, passwordHash));
  } catch (e) {
    mapUniqueViolation(e, creditCodeField);
  }
}

const ORG_CREDIT_FIELD = "org.unifiedSocialCreditCode";

/** Government requester: joins a listed government organisation (MEMBER) or registers one (OWNER). */
export async function signUpRequester(db: Db, input: TSignUpRequesterInput): Promise<SignUpResult> {
  const creditCode = input.orgMode === "create" ? input.org.unifiedSocialCreditCode : undefined;
  await assertAccountFree(db, { email: input.email, phone: input.phone, creditCode, creditCodeField: ORG_CREDIT_FIELD });
  return run(db, input.password, ORG_CREDIT_FIELD, async (tx, hash) => {
    if (input.orgMode === "join") {
      const org = await tx.organization.findFirst({
        where: { id: input.orgId, kind: "GOVERNMENT", verification: { in: ["VERIFIED", "PENDING"] } },
        select: { id: true },
      });
      if (!org) throw fieldError("orgId", "errors.orgNotFound");
      const user = await createUser(tx, input, "REQUESTER", hash);
      await tx.membership.create({ data: { userId: user.id, orgId: org.id, role: "MEMBER" }, select: { id: true } });
      return finish(tx, user.id, org.id, { kind: "REQUESTER", orgMode: "join" });
    }
    const user = await createUser(tx, input, "REQUESTER", hash);
    const orgId = await createOwnedOrganization(tx, user.id, input, input.org, "GOVERNMENT");
    return finish(tx, user.id, orgId, { kind: "REQUESTER", orgMode: "create" });
  });
}

/** Supplier or team: registers an enterprise / rescue team / social force / research organisation. */
export async function signUpSupplier(db: Db, input: TSignUpSupplierInput): Promise<SignUpResult> {
  const creditCode = input.org.unifiedSocialCreditCode;
  await assertAccountFree(db, { email: input.email, phone: input.phone, creditCode, creditCodeField: ORG_CREDIT_FIELD });
  return run(db, input.password, ORG_CREDIT_FIELD, async (tx, hash) => {
    const user = await createUser(tx, input, "SUPPLIER", hash);
    const orgId = await createOwnedOrganization(tx, user.id, input, input.org, input.org.kind);
    return finish(tx, user.id, orgId, { kind: "SUPPLIER", orgKind: input.org.kind });
  });
}

/** Individual expert: user + ExpertProfile (specialty, home region); their listings come later. */
export async function signUpExpert(db: Db, input: TSignUpExpertInput): Promise<SignUpResult> {
  await assertAccountFree(db, { email: input.email, phone: input.phone });
  return run(db, input.password, "unifiedSocialCreditCode", async (tx, hash) => {
    await assertRegion(tx, input.regionCode, "regionCode");
    const user = await createUser(tx, input, "EXPERT", hash);
    await tx.expertProfile.create({
      data: { userId: user.id, specialty: input.specialty, regionCode: input.regionCode },
      select: { id: true },
    });
    return finish(tx, user.id, null, { kind: "EXPERT", specialty: input.specialty, regionCode: input.regionCode });
  });
}

/** Knight (volunteer rider): user + KnightProfile, off duty until they choose to go on duty. */
export async function signUpKnight(db: Db, input: TSignUpKnightInput): Promise<SignUpResult> {
  await assertAccountFree(db, { email: input.email, phone: input.phone });
  return run(db, input.password, "unifiedSocialCreditCode", async (tx, hash) => {
    await assertRegion(tx, input.homeDistrictCode, "homeDistrictCode", { belowProvince: true });
    const user = await createUser(tx, input, "KNIGHT", hash);
    const profile = await tx.knightProfile.create({
      data: {
        userId: user.id,
        vehicle: input.vehicle,
        payloadKg: input.payloadKg,
        deliveryPlatform: input.deliveryPlatform ?? null,
        homeDistrictCode: input.homeDistrictCode,
      },
      select: { id: true },
    });
    return finish(tx, user.id, null, { kind: "KNIGHT", knightProfileId: profile.id, vehicle: input.vehicle });
  });
}
