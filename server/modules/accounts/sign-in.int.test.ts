import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { AppError } from "@/server/errors";
import { ZSignUpExpertInput } from "@/lib/schemas/auth";
import { signUpExpert } from "@/server/modules/accounts/sign-up";
import { signInWithPassword } from "@/server/modules/accounts/sign-in";
import { PASSWORD, seedAccountFixtures } from "@/server/modules/accounts/test-fixtures";
import { resolveActor } from "@/server/auth/actor";
import { createSessionForUser } from "@/server/auth/session-store";
import { LOCKOUT_DURATION_MS, LOCKOUT_MAX_FAILURES } from "@/server/auth/lockout";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "@/server/auth/session-policy";
import { createAdmin } from "@/server/modules/accounts/create-admin";

let t: TestDatabase;
let userId: string;

beforeAll(async () => {
  t = await testDb();
  await seedAccountFixtures(t.db);
  const r = await signUpExpert(
    t.db,
    ZSignUpExpertInput.parse({
      name: "李专家",
      email: "expert@example.com",
      phone: "13700000001",
      password: PASSWORD,
      specialty: "结构工程",
      regionCode: "320100",
    }),
  );
  userId = r.userId;
});
afterAll(async () => t?.cleanup());

const attempt = (identifier: string, password: string, now?: Date, ip: string | null = "10.0.0.1") =>
  signInWithPassword(t.db, { identifier, password }, { ip, now });

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const cookieFor = (s: { cookieName: string; sessionToken: string }) => new Headers({ cookie: `${s.cookieName}=${s.sessionToken}` });

describe("password sign-in", () => {
  it("works with email (any case) or phone, and opens a session resolveActor accepts", async () => {
    const byEmail = await attempt("  EXPERT@example.com ", PASSWORD);
    expect(byEmail.userId).toBe(userId);
    const byPhone = await attempt("+86 137-0000-0001", PASSWORD);
    expect(byPhone.userId).toBe(userId);
    const actor = await resolveActor(t.db, cookieFor(byPhone.session));
    expect(actor).toMatchObject({ via: "session", userId, roles: ["EXPERT"] });
  });

  it("gives one generic error for a wrong password and for an unknown account", async () => {
    const wrong = await rejection(attempt("expert@example.com", "wrong password 123"));
    const unknown = await rejection(attempt("nobody@example.com", PASSWORD));
    expect(wrong.code).toBe("UNAUTHORIZED");
    expect(unknown.code).toBe("UNAUTHORIZED");
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.fieldErrors).toEqual(unknown.fieldErrors);
    // A success in between resets the budget for the next test.
    await attempt("expert@example.com", PASSWORD);
  });

  it(`locks after ${LOCKOUT_MAX_FAILURES} failures (email and phone share the budget), then unlocks`, async () => {
    // Start in the past so that "after the lock" is still before the real now for later tests.
    const now = new Date(Date.now() - LOCKOUT_DURATION_MS - 5000);
    for (let i = 0; i < LOCKOUT_MAX_FAILURES - 1; i++) {
      const e = await rejection(attempt(i % 2 ? "13700000001" : "expert@example.com", `wrong-password-${i}`, now));
      expect(e.code).toBe("UNAUTHORIZED");
    }
    const fifth = await rejection(attempt("expert@example.com", "wrong-password-5", now));
    expect(fifth.code).toBe("TOO_MANY_REQUESTS");
    expect(fifth.fieldErrors?._form).toEqual(["errors.locked"]);
    const until = new Date(fifth.fieldErrors!.lockedUntil[0]);
    expect(until.getTime()).toBe(now.getTime() + LOCKOUT_DURATION_MS);

    // Even the right password is refused while locked, and the refusal does not extend the lock.
    const attemptsBefore = await t.db.loginAttempt.count();
    const locked = await rejection(attempt("expert@example.com", PASSWORD, new Date(now.getTime() + 60_000)));
    expect(locked.code).toBe("TOO_MANY_REQUESTS");
    expect(await t.db.loginAttempt.count()).toBe(attemptsBefore);
    const u = await t.db.user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true, failedLoginCount: true } });
    expect(u.lockedUntil).toEqual(until);
    expect(u.failedLoginCount).toBeGreaterThanOrEqual(LOCKOUT_MAX_FAILURES);

    const later = new Date(until.getTime() + 1000);
    const ok = await attempt("expert@example.com", PASSWORD, later);
    expect(ok.userId).toBe(userId);
    const reset = await t.db.user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true, failedLoginCount: true } });
    expect(reset).toEqual({ lockedUntil: null, failedLoginCount: 0 });
  });

  it("unknown identifiers lock the same way (no account enumeration by lock behaviour)", async () => {
    const now = new Date();
    let last: AppError | null = null;
    for (let i = 0; i < LOCKOUT_MAX_FAILURES; i++) last = await rejection(attempt("ghost@example.com", `pw-${i}-xxxxxxxx`, now, null));
    expect(last?.code).toBe("TOO_MANY_REQUESTS");
  });
});

describe("sessions", () => {
  it("are refused after 30 idle minutes and deleted", async () => {
    const created = new Date(Date.now() - (SESSION_IDLE_SECONDS + 60) * 1000);
    const s = await createSessionForUser(t.db, userId, created);
    expect(await resolveActor(t.db, cookieFor(s))).toBeNull();
    expect(await t.db.session.count({ where: { sessionToken: s.sessionToken } })).toBe(0);
  });

  it("slide forward on activity", async () => {
    const created = new Date(Date.now() - 10 * 60 * 1000);
    const s = await createSessionForUser(t.db, userId, created);
    expect(await resolveActor(t.db, cookieFor(s))).not.toBeNull();
    const row = await t.db.session.findUniqueOrThrow({ where: { sessionToken: s.sessionToken }, select: { expires: true } });
    expect(row.expires.getTime()).toBeGreaterThan(s.expires.getTime());
  });

  it("die 12 hours after creation however active", async () => {
    const created = new Date(Date.now() - (SESSION_ABSOLUTE_SECONDS + 60) * 1000);
    const s = await createSessionForUser(t.db, userId, created);
    // Pretend it was kept alive: push the sliding expiry into the future.
    await t.db.session.update({ where: { sessionToken: s.sessionToken }, data: { expires: new Date(Date.now() + 600_000) } });
    expect(await resolveActor(t.db, cookieFor(s))).toBeNull();
    expect(await t.db.session.count({ where: { sessionToken: s.sessionToken } })).toBe(0);
  });

  it("a disabled user's session resolves to nobody", async () => {
    const s = await createSessionForUser(t.db, userId);
    await t.db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect(await resolveActor(t.db, cookieFor(s))).toBeNull();
    const e = await rejection(attempt("expert@example.com", PASSWORD));
    expect(e.code).toBe("UNAUTHORIZED");
    await t.db.user.update({ where: { id: userId }, data: { disabledAt: null } });
  });
});

describe("createAdmin", () => {
  it("creates a platform admin who can sign in, and is idempotent", async () => {
    const first = await createAdmin(t.db, { email: "Admin@Example.com", password: "admin password 123", name: "管理员" });
    expect(first.created).toBe(true);
    const again = await createAdmin(t.db, { email: "admin@example.com", password: "another admin password", name: "管理员" });
    expect(again).toEqual({ userId: first.userId, created: false });
    const s = await attempt("admin@example.com", "another admin password");
    const actor = await resolveActor(t.db, cookieFor(s.session));
    expect(actor?.roles).toEqual(["ADMIN"]);
  });

  it("applies the password policy", async () => {
    const e = await rejection(createAdmin(t.db, { email: "a2@example.com", password: "short", name: "x" }));
    expect(e.fieldErrors?.password).toEqual(["errors.passwordTooShort"]);
  });
});
