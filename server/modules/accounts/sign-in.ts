import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { looksLikeEmail, normalizePhone, type TSignInWithPasswordInput } from "@/lib/schemas/auth";
import { verifyAgainstDummy, verifyPassword } from "@/server/auth/password";
import { decideLockout, IP_MAX_FAILURES, LOCKOUT_LOOKBACK_ROWS, LOCKOUT_WINDOW_MS } from "@/server/auth/lockout";
import { createSessionForUser, type CreatedSession } from "@/server/auth/session-store";
import { auditIpThrottle, auditLockout, auditSignIn, auditSignInFailure, type SignInFailureReason } from "@/server/modules/accounts/sign-in-audit";

/**
 * Password sign-in by email or phone. Failures are recorded as LoginAttempt rows keyed by the account
 * (`user:<id>`, so email and phone share one budget) or, for unknown identifiers, by what was typed
 * (`unknown:<identifier>`, so probing unknown addresses behaves the same as known ones).
 * Every wrong answer is the same generic error; a locked account is told until when. Successes, failures
 * (with the reason, which only the audit log sees), lockouts and IP throttling go to the audit log.
 */
export type SignInContext = { ip: string | null; now?: Date };

export const INVALID_CREDENTIALS_MESSAGE = "The email/phone or password is wrong.";

function invalidCredentials(): AppError {
  return new AppError("UNAUTHORIZED", INVALID_CREDENTIALS_MESSAGE, { _form: ["errors.invalidCredentials"] });
}

/** `lockedUntil` travels as a field so the form can show the time in the reader's own clock. */
export function lockedError(lockedUntil: Date): AppError {
  return new AppError(
    "TOO_MANY_REQUESTS",
    `Too many failed sign-ins. This account is locked until ${lockedUntil.toISOString()}.`,
    { _form: ["errors.locked"], lockedUntil: [lockedUntil.toISOString()] },
  );
}

export function normalizeIdentifier(identifier: string): { email: string } | { phone: string } {
  const trimmed = identifier.trim();
  return looksLikeEmail(trimmed) ? { email: trimmed.toLowerCase() } : { phone: normalizePhone(trimmed) };
}

async function recentAttempts(db: Db, key: string, now: Date) {
  return db.loginAttempt.findMany({
    where: { identifier: key, createdAt: { gte: new Date(now.getTime() - LOCKOUT_WINDOW_MS), lte: now } },
    orderBy: { createdAt: "desc" },
    take: LOCKOUT_LOOKBACK_ROWS,
    select: { success: true, createdAt: true },
  });
}

export async function signInWithPassword(
  db: Db,
  input: TSignInWithPasswordInput,
  ctx: SignInContext,
): Promise<{ userId: string; session: CreatedSession }> {
  const now = ctx.now ?? new Date();
  const where = normalizeIdentifier(input.identifier);
  const user = await db.user.findUnique({
    where: "email" in where ? { email: where.email } : { phone: where.phone },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  const identifier = "email" in where ? where.email : where.phone;
  const key = user ? `user:${user.id}` : `unknown:${identifier}`;
  const who = { userId: user?.id ?? null, identifier, ip: ctx.ip };

  let ipFailures = 0;
  if (ctx.ip) {
    ipFailures = await db.loginAttempt.count({
      where: { ip: ctx.ip, success: false, createdAt: { gte: new Date(now.getTime() - LOCKOUT_WINDOW_MS) } },
    });
    if (ipFailures >= IP_MAX_FAILURES) {
      throw new AppError("TOO_MANY_REQUESTS", "Too many failed sign-ins from this network. Try again later.", {
        _form: ["errors.tooManyAttempts"],
      });
    }
  }

  const before = decideLockout(await recentAttempts(db, key, now), now);
  if (before.locked) throw lockedError(before.lockedUntil);

  const ok =
    user?.passwordHash && !user.disabledAt
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);

  if (!ok || !user) {
    await db.loginAttempt.create({ data: { identifier: key, ip: ctx.ip, success: false, createdAt: now }, select: { id: true } });
    const reason: SignInFailureReason = !user ? "unknownAccount" : user.disabledAt ? "disabled" : !user.passwordHash ? "noPassword" : "badPassword";
    await auditSignInFailure(db, { ...who, method: "password", reason });
    if (ctx.ip && ipFailures + 1 === IP_MAX_FAILURES) await auditIpThrottle(db, { ip: ctx.ip, failures: IP_MAX_FAILURES, identifier });
    const after = decideLockout(await recentAttempts(db, key, now), now);
    if (user) {
      await db.user.update({
        where: { id: user.id },
        data: { failedLoginCount: { increment: 1 }, ...(after.locked ? { lockedUntil: after.lockedUntil } : {}) },
        select: { id: true },
      });
    }
    if (after.locked) {
      await auditLockout(db, { ...who, failures: after.failures, lockedUntil: after.lockedUntil });
      throw lockedError(after.lockedUntil);
    }
    throw invalidCredentials();
  }

  await db.loginAttempt.create({ data: { identifier: key, ip: ctx.ip, success: true, createdAt: now }, select: { id: true } });
  await db.user.update({
    where: { id: user.id },
    data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
    select: { id: true },
  });
  const session = await createSessionForUser(db, user.id, now);
  await auditSignIn(db, { ...who, userId: user.id, method: "password" });
  return { userId: user.id, session };
}
