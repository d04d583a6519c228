import type { Db } from "@/server/db";
import { insertTestRegions } from "@/tests/helpers/regions";

/**
 * Rows the account integration tests need (regions are foreign keys of organisations and knights).
 * Test-only helper; kept beside the tests that use it.
 */
export async function seedAccountFixtures(db: Db) {
  await insertTestRegions(db);
  const org = (name: string, kind: "GOVERNMENT" | "ENTERPRISE", verification: "PENDING" | "VERIFIED" | "REJECTED") =>
    db.organization.create({
      data: { name, kind, verification, regionCode: "320102", contactName: "联系人", contactPhone: "025-84000000", address: "南京市玄武区" },
      select: { id: true },
    });
  return {
    verifiedGov: await org("玄武区应急管理局", "GOVERNMENT", "VERIFIED"),
    pendingGov: await org("梅园新村街道办事处", "GOVERNMENT", "PENDING"),
    rejectedGov: await org("被驳回的单位", "GOVERNMENT", "REJECTED"),
    enterprise: await org("苏安应急装备有限公司", "ENTERPRISE", "VERIFIED"),
  };
}

export async function countRows(db: Db) {
  const [users, orgs, memberships, sessions, knights, experts, audits] = await Promise.all([
    db.user.count(),
    db.organization.count(),
    db.membership.count(),
    db.session.count(),
    db.knightProfile.count(),
    db.expertProfile.count(),
    db.auditEvent.count(),
  ]);
  return { users, orgs, memberships, sessions, knights, experts, audits };
}

export const PASSWORD = "correct horse battery staple";
