import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { AppError } from "@/server/errors";
import {
  ZSignUpExpertInput,
  ZSignUpKnightInput,
  ZSignUpRequesterInput,
  ZSignUpSupplierInput,
} from "@/lib/schemas/auth";
import { signUpExpert, signUpKnight, signUpRequester, signUpSupplier } from "@/server/modules/accounts/sign-up";
import { countRows, PASSWORD, seedAccountFixtures } from "@/server/modules/accounts/test-fixtures";
import { resolveActor } from "@/server/auth/actor";
import { verifyAuditChain } from "@/server/modules/audit/verify-audit-chain";
import { listGovernmentOrgs } from "@/server/modules/accounts/sign-up-options";

let t: TestDatabase;
let fx: Awaited<ReturnType<typeof seedAccountFixtures>>;

beforeAll(async () => {
  t = await testDb();
  fx = await seedAccountFixtures(t.db);
});
afterAll(async () => t?.cleanup());

const account = (n: string) => ({ name: `测试用户${n}`, email: `User${n}@Example.com`, password: PASSWORD, locale: "zh-CN" });

async function expectFieldError(p: Promise<unknown>, field: string, key: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).fieldErrors?.[field]).toContain(key);
  return e as AppError;
}

describe("sign-up", () => {
  it("knight: user + profile + session + audit event, in one go", async () => {
    const before = await countRows(t.db);
    const input = ZSignUpKnightInput.parse({
      ...account("k1"),
      phone: "+86 139 0000 0001",
      vehicle: "EBIKE",
      payloadKg: "25",
      deliveryPlatform: "美团",
      homeDistrictCode: "320102",
    });
    const r = await signUpKnight(t.db, input);
    const after = await countRows(t.db);
    expect(after).toEqual({
      ...before,
      users: before.users + 1,
      knights: before.knights + 1,
      sessions: before.sessions + 1,
      audits: before.audits + 1,
    });
    const user = await t.db.user.findUniqueOrThrow({
      where: { id: r.userId },
      select: { email: true, phone: true, kind: true, passwordHash: true, knightProfile: { select: { vehicle: true, payloadKg: true } } },
    });
    expect(user).toMatchObject({ email: "userk1@example.com", phone: "13900000001", kind: "KNIGHT" });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.knightProfile).toEqual({ vehicle: "EBIKE", payloadKg: 25 });
    const actor = await resolveActor(t.db, new Headers({ cookie: `${r.session.cookieName}=${r.session.sessionToken}` }));
    expect(actor).toMatchObject({ via: "session", userId: r.userId, roles: ["KNIGHT"], memberships: [] });
  });

  it("requester joining a government office: MEMBER of it", async () => {
    const r = await signUpRequester(t.db, ZSignUpRequesterInput.parse({ ...account("r1"), orgMode: "join", orgId: fx.pendingGov.id }));
    expect(r.orgId).toBe(fx.pendingGov.id);
    const m = await t.db.membership.findMany({ where: { userId: r.userId }, select: { orgId: true, role: true } });
    expect(m).toEqual([{ orgId: fx.pendingGov.id, role: "MEMBER" }]);
  });

  it("requester registering a new office: PENDING government org, OWNER, two audit events", async () => {
    const before = await countRows(t.db);
    const r = await signUpRequester(
      t.db,
      ZSignUpRequesterInput.parse({
        ...account("r2"),
        orgMode: "create",
        org: { name: "鼓楼区应急管理局", regionCode: "320100", address: "南京市鼓楼区", contactPhone: "025-83000000" },
      }),
    );
    const org = await t.db.organization.findUniqueOrThrow({
      where: { id: r.orgId! },
      select: { kind: true, verification: true, contactEmail: true, memberships: { select: { userId: true, role: true } } },
    });
    expect(org).toEqual({
      kind: "GOVERNMENT",
      verification: "PENDING",
      contactEmail: "userr2@example.com",
      memberships: [{ userId: r.userId, role: "OWNER" }],
    });
    const after = await countRows(t.db);
    expect(after.audits - before.audits).toBe(2);
    expect(after.orgs - before.orgs).toBe(1);
  });

  it("supplier: organisation of the chosen kind, OWNER, SUPPLIER role", async () => {
    const r = await signUpSupplier(
      t.db,
      ZSignUpSupplierInput.parse({
        ...account("s1"),
        org: { kind: "RESCUE_TEAM", name: "蓝天救援队南京分队", regionCode: "320102", address: "南京市", contactPhone: "13800000011" },
      }),
    );
    const actor = await resolveActor(t.db, new Headers({ cookie: `${r.session.cookieName}=${r.session.sessionToken}` }));
    expect(actor?.roles).toEqual(["SUPPLIER"]);
    expect(actor?.memberships).toEqual([{ orgId: r.orgId, orgRole: "OWNER", orgKind: "RESCUE_TEAM", verification: "PENDING" }]);
  });

  it("expert: EXPERT user with an expert profile; the audit event records it", async () => {
    const r = await signUpExpert(t.db, ZSignUpExpertInput.parse({ ...account("e1"), specialty: "防汛水文", regionCode: "320100" }));
    const profile = await t.db.expertProfile.findUniqueOrThrow({ where: { userId: r.userId }, select: { specialty: true, regionCode: true } });
    expect(profile).toEqual({ specialty: "防汛水文", regionCode: "320100" });
    const ev = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: r.userId, action: "user.signUp" }, select: { data: true } });
    expect(ev.data).toMatchObject({ kind: "EXPERT", specialty: "防汛水文", regionCode: "320100" });
  });

  it("duplicate email (any case) and phone: field errors, nothing written", async () => {
    const before = await countRows(t.db);
    const e = await expectFieldError(
      signUpSupplier(
        t.db,
        ZSignUpSupplierInput.parse({
          ...account("k1"),
          email: "USERK1@example.COM",
          phone: "13900000001",
          org: { kind: "ENTERPRISE", name: "重复公司", regionCode: "320102", address: "南京市", contactPhone: "13800000012" },
        }),
      ),
      "email",
      "errors.emailTaken",
    );
    expect(e.code).toBe("CONFLICT");
    expect(e.fieldErrors?.phone).toEqual(["errors.phoneTaken"]);
    expect(await countRows(t.db)).toEqual(before);
  });

  it("a failure after the user row was written rolls everything back", async () => {
    const before = await countRows(t.db);
    // createUser runs before the organisation's region is checked, so this fails mid-transaction.
    await expectFieldError(
      signUpRequester(
        t.db,
        ZSignUpRequesterInput.parse({
          ...account("late"),
          orgMode: "create",
          org: { name: "不存在地区的单位", regionCode: "999999", address: "某地", contactPhone: "025-83000001" },
        }),
      ),
      "org.regionCode",
      "errors.regionUnknown",
    );
    expect(await countRows(t.db)).toEqual(before);
    expect(await t.db.user.count({ where: { email: "userlate@example.com" } })).toBe(0);
  });

  it("an unknown or province-level home district is a field error", async () => {
    const before = await countRows(t.db);
    await expectFieldError(
      signUpKnight(
        t.db,
        ZSignUpKnightInput.parse({ ...account("k2"), phone: "13900000002", vehicle: "CAR", payloadKg: 100, homeDistrictCode: "999999" }),
      ),
      "homeDistrictCode",
      "errors.regionUnknown",
    );
    await expectFieldError(
      signUpKnight(
        t.db,
        ZSignUpKnightInput.parse({ ...account("k3"), phone: "13900000003", vehicle: "CAR", payloadKg: 100, homeDistrictCode: "320000" }),
      ),
      "homeDistrictCode",
      "errors.regionUnknown",
    );
    expect(await countRows(t.db)).toEqual(before);
  });

  it("cannot join a rejected or non-government organisation", async () => {
    const before = await countRows(t.db);
    for (const orgId of [fx.rejectedGov.id, fx.enterprise.id, "nope"]) {
      await expectFieldError(
        signUpRequester(t.db, ZSignUpRequesterInput.parse({ ...account(`j${orgId}`), orgMode: "join", orgId })),
        "orgId",
        "errors.orgNotFound",
      );
    }
    expect(await countRows(t.db)).toEqual(before);
  });

  it("lists only joinable government offices, without private fields", async () => {
    const orgs = await listGovernmentOrgs(t.db);
    const ids = orgs.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([fx.verifiedGov.id, fx.pendingGov.id]));
    expect(ids).not.toContain(fx.rejectedGov.id);
    expect(ids).not.toContain(fx.enterprise.id);
    expect(Object.keys(orgs[0]).sort()).toEqual(["id", "name", "regionCode"]);
  });

  it("keeps the audit chain intact", async () => {
    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(5);
  });
});
