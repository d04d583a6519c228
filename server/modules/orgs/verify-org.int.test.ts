import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/auth/actor-type";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import { listPendingOrganizations, rejectOrganization, verifyOrganization } from "@/server/modules/orgs/verify-org";
import { insertTestRegions } from "@/tests/helpers/regions";

let t: TestDatabase;
let admin: Actor;
let supplier: Actor;

async function org(name: string, createdAt = new Date()) {
  return t.db.organization.create({
    data: { name, kind: "ENTERPRISE", regionCode: "320100", contactName: "联系人", contactPhone: "13900000000", address: "南京", createdAt },
    select: { id: true },
  });
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

beforeAll(async () => {
  t = await testDb();
  await insertTestRegions(t.db);
  const a = await t.db.user.create({ data: { email: "admin@example.com", kind: "ADMIN", platformRole: "ADMIN" }, select: { id: true } });
  const s = await t.db.user.create({ data: { email: "s@example.com", kind: "SUPPLIER" }, select: { id: true } });
  admin = { via: "session", userId: a.id, roles: ["ADMIN"], memberships: [] };
  supplier = { via: "session", userId: s.id, roles: ["SUPPLIER"], memberships: [] };
});
afterAll(async () => t?.cleanup());

describe("organisation verification", () => {
  it("lists pending organisations oldest first, with their region", async () => {
    const older = await org("较早的机构", new Date(Date.now() - 3600_000));
    const newer = await org("较新的机构");
    const list = await listPendingOrganizations(t.db, { limit: 100 });
    const ids = list.items.map((i) => i.id);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    expect(list.items[0].region).toEqual({ code: "320100", nameZh: "南京市", nameEn: "Nanjing" });
    expect(list.total).toBeGreaterThanOrEqual(2);
  });

  it("verifies a pending organisation, audits it and queues a notification in the same transaction", async () => {
    const o = await org("待审核企业");
    const result = await verifyOrganization(t.db, admin, { orgId: o.id });
    expect(result).toMatchObject({ id: o.id, verification: "VERIFIED", rejectionReason: null });
    expect(result.verifiedAt).toBeInstanceOf(Date);
    const row = await t.db.organization.findUniqueOrThrow({ where: { id: o.id }, select: { verifiedById: true } });
    expect(row.verifiedById).toBe(admin.userId);
    const audit = await t.db.auditEvent.findMany({ where: { entityId: o.id }, select: { action: true, actorId: true, orgId: true } });
    expect(audit).toEqual([{ action: "org.verify", actorId: admin.userId, orgId: o.id }]);
    expect(await t.db.outboxEvent.count({ where: { aggregateId: o.id, topic: "org.verified" } })).toBe(1);
  });

  it("refuses to decide twice (CONFLICT) and reports unknown organisations (NOT_FOUND)", async () => {
    const o = await org("重复审核");
    await verifyOrganization(t.db, admin, { orgId: o.id });
    expect((await rejection(verifyOrganization(t.db, admin, { orgId: o.id }))).code).toBe("CONFLICT");
    expect((await rejection(rejectOrganization(t.db, admin, { orgId: o.id, reason: "资料不全" }))).code).toBe("CONFLICT");
    expect((await rejection(verifyOrganization(t.db, admin, { orgId: "no-such-org" }))).code).toBe("NOT_FOUND");
    expect(await t.db.auditEvent.count({ where: { entityId: o.id } })).toBe(1);
  });

  it("rejects with a reason that is stored and audited", async () => {
    const o = await org("资料不全的机构");
    const result = await rejectOrganization(t.db, admin, { orgId: o.id, reason: "营业执照不清晰" });
    expect(result).toMatchObject({ verification: "REJECTED", rejectionReason: "营业执照不清晰", verifiedAt: null });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: o.id }, select: { action: true, data: true } });
    expect(audit).toEqual({ action: "org.reject", data: { from: "PENDING", to: "REJECTED", reason: "营业执照不清晰" } });
  });

  it("lets exactly one of two simultaneous decisions win", async () => {
    const o = await org("并发审核");
    const outcomes = await Promise.allSettled([
      verifyOrganization(t.db, admin, { orgId: o.id }),
      rejectOrganization(t.db, admin, { orgId: o.id, reason: "同时驳回" }),
    ]);
    expect(outcomes.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.auditEvent.count({ where: { entityId: o.id } })).toBe(1);
  });
});

describe("org procedures", () => {
  it("deny anonymous callers and non-admins", async () => {
    const o = await org("权限测试");
    await expect(caller(null).org.verify({ orgId: o.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller(supplier).org.verify({ orgId: o.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(supplier).org.listPending()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const row = await t.db.organization.findUniqueOrThrow({ where: { id: o.id }, select: { verification: true } });
    expect(row.verification).toBe("PENDING");
  });

  it("require a rejection reason", async () => {
    const o = await org("缺少理由");
    await expect(caller(admin).org.reject({ orgId: o.id, reason: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const done = await caller(admin).org.reject({ orgId: o.id, reason: "联系电话无法接通" });
    expect(done.verification).toBe("REJECTED");
  });
});
