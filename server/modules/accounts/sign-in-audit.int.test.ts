import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { ZSignUpExpertInput } from "@/lib/schemas/auth";
import { signUpExpert } from "@/server/modules/accounts/sign-up";
import { signInWithPassword } from "@/server/modules/accounts/sign-in";
import { allowEmailLinkSignIn, recordEmailLinkSignIn } from "@/server/modules/accounts/email-link-sign-in";
import { PASSWORD, seedAccountFixtures } from "@/server/modules/accounts/test-fixtures";
import { IP_MAX_FAILURES, LOCKOUT_MAX_FAILURES } from "@/server/auth/lockout";

let t: TestDatabase;

beforeAll(async () => {
  t = await testDb();
  await seedAccountFixtures(t.db);
});
afterAll(async () => t?.cleanup());

let n = 0;
async function newExpert(): Promise<{ userId: string; email: string }> {
  n += 1;
  const email = `audit-expert-${n}@example.com`;
  const r = await signUpExpert(
    t.db,
    ZSignUpExpertInput.parse({ name: "审计专家", email, phone: `1370000${String(1000 + n)}`, password: PASSWORD, specialty: "结构工程", regionCode: "320100" }),
  );
  return { userId: r.userId, email };
}

const attempt = (identifier: string, password: string, ip: string | null = "198.51.100.7") =>
  signInWithPassword(t.db, { identifier, password }, { ip });
const fails = (p: Promise<unknown>) => p.then(() => expect.unreachable("sign-in should fail"), () => undefined);

/** Security rows about one subject (a user id or a typed identifier), oldest first. */
const rowsAbout = (entityId: string) =>
  t.db.auditEvent.findMany({ where: { entityId, action: { startsWith: "auth." } }, orderBy: { seq: "asc" }, select: { action: true, actorId: true, entityType: true, data: true } });

describe("sign-in events in the audit chain", () => {
  it("a password sign-in records who, how and from where — never the password", async () => {
    const { userId, email } = await newExpert();
    await attempt(email.toUpperCase(), PASSWORD);
    const rows = await rowsAbout(userId);
    expect(rows).toEqual([
      { action: "auth.signIn", actorId: userId, entityType: "User", data: { method: "password", identifier: email, ip: "198.51.100.7" } },
    ]);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  it("failures record the reason: a wrong password against the account, an unknown identifier by itself", async () => {
    const { userId, email } = await newExpert();
    await fails(attempt(email, "not the password 1"));
    expect(await rowsAbout(userId)).toEqual([
      { action: "auth.signInFailed", actorId: null, entityType: "User", data: { method: "password", identifier: email, ip: "198.51.100.7", reason: "badPassword" } },
    ]);
    await fails(attempt("Nobody@Example.com", "not the password 2", null));
    expect(await rowsAbout("nobody@example.com")).toEqual([
      { action: "auth.signInFailed", actorId: null, entityType: "SignInIdentifier", data: { method: "password", identifier: "nobody@example.com", ip: null, reason: "unknownAccount" } },
    ]);
    const all = await t.db.auditEvent.findMany({ where: { action: "auth.signInFailed" }, select: { data: true } });
    expect(JSON.stringify(all)).not.toMatch(/not the password/);
  });

  it(`the failure that locks an account is recorded once, with its end; refusals while locked add nothing`, async () => {
    const { userId, email } = await newExpert();
    for (let i = 0; i < LOCKOUT_MAX_FAILURES; i++) await fails(attempt(email, `wrong password ${i}`));
    const before = await rowsAbout(userId);
    expect(before.map((r) => r.action)).toEqual([...Array<string>(LOCKOUT_MAX_FAILURES).fill("auth.signInFailed"), "auth.lockout"]);
    const user = await t.db.user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true } });
    expect(before.at(-1)!.data).toEqual({ identifier: email, ip: "198.51.100.7", failures: LOCKOUT_MAX_FAILURES, lockedUntil: user.lockedUntil!.toISOString() });
    await fails(attempt(email, PASSWORD));
    expect(await rowsAbout(userId)).toHaveLength(before.length);
  });

  it(`the failure that throttles a network address (${IP_MAX_FAILURES} in the window) is recorded once`, async () => {
    const ip = "203.0.113.9";
    const now = new Date();
    // Earlier failures from this address, as the sign-in code records them (cheaper than hashing 49 times).
    await t.db.loginAttempt.createMany({
      data: Array.from({ length: IP_MAX_FAILURES - 1 }, (_, i) => ({ identifier: `unknown:probe-${i}@example.com`, ip, success: false, createdAt: now })),
    });
    await fails(attempt("probe-last@example.com", "whatever it is", ip));
    await fails(attempt("probe-after@example.com", "whatever it is", ip));
    const rows = await t.db.auditEvent.findMany({ where: { action: "auth.ipThrottle" }, select: { entityType: true, entityId: true, data: true } });
    expect(rows).toEqual([{ entityType: "ClientIp", entityId: ip, data: { ip, failures: IP_MAX_FAILURES, lastIdentifier: "probe-last@example.com" } }]);
  });

  it("email links: an enabled account may follow one (audited once signed in); unknown or disabled ones are refused and audited", async () => {
    const { userId, email } = await newExpert();
    expect(await allowEmailLinkSignIn(t.db, { userId, email, ip: "192.0.2.1" })).toBe(true);
    expect(await rowsAbout(userId)).toEqual([]);
    await recordEmailLinkSignIn(t.db, { userId, email, ip: "192.0.2.1" });
    expect(await rowsAbout(userId)).toEqual([
      { action: "auth.signIn", actorId: userId, entityType: "User", data: { method: "emailLink", identifier: email, ip: "192.0.2.1" } },
    ]);

    await t.db.user.update({ where: { id: userId }, data: { disabledAt: new Date() }, select: { id: true } });
    expect(await allowEmailLinkSignIn(t.db, { userId, email, ip: null })).toBe(false);
    expect((await rowsAbout(userId)).at(-1)).toMatchObject({ action: "auth.signInFailed", data: { method: "emailLink", reason: "disabled" } });

    expect(await allowEmailLinkSignIn(t.db, { userId: "no-such-user", email: "Ghost@Example.com", ip: null })).toBe(false);
    expect(await rowsAbout("ghost@example.com")).toMatchObject([{ action: "auth.signInFailed", entityType: "SignInIdentifier", data: { reason: "unknownAccount" } }]);
  });
});
