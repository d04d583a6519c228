import type { Db } from "@/server/db";
import { recordAudit } from "@/server/modules/audit/record-audit";

/**
 * Sign-in security events in the hash-chained audit log: who (user id when the account exists, else the
 * identifier as typed, normalised), from where (client IP when known), how and why. Never a password or a
 * token. Each call appends its own row, committed at once: a failure must stay recorded although the
 * request that caused it fails. Attempts refused *while* an account or IP is locked are not logged one by
 * one (they are not LoginAttempt rows either): the lockout itself is, with its end.
 */
export type SignInMethod = "password" | "emailLink";
export type SignInFailureReason = "badPassword" | "unknownAccount" | "noPassword" | "disabled";

type Who = { userId: string | null; identifier: string; ip: string | null };

/** The row's subject: the account when it exists, else the identifier someone tried. */
function subject(who: Who) {
  return who.userId ? { entityType: "User", entityId: who.userId } : { entityType: "SignInIdentifier", entityId: who.identifier };
}

export async function auditSignIn(db: Db, who: Who & { userId: string; method: SignInMethod }): Promise<void> {
  await recordAudit(db, {
    actorId: who.userId,
    action: "auth.signIn",
    ...subject(who),
    data: { method: who.method, identifier: who.identifier, ip: who.ip },
  });
}

export async function auditSignInFailure(db: Db, who: Who & { method: SignInMethod; reason: SignInFailureReason }): Promise<void> {
  await recordAudit(db, {
    actorId: null,
    action: "auth.signInFailed",
    ...subject(who),
    data: { method: who.method, identifier: who.identifier, ip: who.ip, reason: who.reason },
  });
}

/** The failure that locked an account (or an unknown identifier) until `lockedUntil`. */
export async function auditLockout(db: Db, who: Who & { failures: number; lockedUntil: Date }): Promise<void> {
  await recordAudit(db, {
    actorId: null,
    action: "auth.lockout",
    ...subject(who),
    data: { identifier: who.identifier, ip: who.ip, failures: who.failures, lockedUntil: who.lockedUntil.toISOString() },
  });
}

/** The failure that made one network address too noisy to be let try again for a while. */
export async function auditIpThrottle(db: Db, input: { ip: string; failures: number; identifier: string }): Promise<void> {
  await recordAudit(db, {
    actorId: null,
    action: "auth.ipThrottle",
    entityType: "ClientIp",
    entityId: input.ip,
    data: { ip: input.ip, failures: input.failures, lastIdentifier: input.identifier },
  });
}
