import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { acceptOffer } from "@/server/modules/offers/answer-offer";
import { reportProgress } from "@/server/modules/offers/report-progress";
import { offerAssignment } from "@/server/modules/offers/send-offer";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

/** Test-only: offer fixtures plus a second supplier, and helpers to run a requisition through its lifecycle. */
export async function seedCompensationFixtures(db: PrismaClient) {
  const f = await seedOfferFixtures(db);
  const org2 = await db.organization.create({
    data: { name: "金陵救援装备有限公司", kind: "ENTERPRISE", verification: "VERIFIED", regionCode: "320102", contactName: "联系人", contactPhone: "025-84000001", address: "南京" },
    select: { id: true },
  });
  const u2 = await db.user.create({ data: { email: "s2@ent.test", name: "吴供应", kind: "SUPPLIER" }, select: { id: true } });
  await db.membership.create({ data: { userId: u2.id, orgId: org2.id, role: "MEMBER" } });
  const supplier2: Actor = { via: "session", userId: u2.id, roles: ["SUPPLIER"], memberships: [{ orgId: org2.id, orgRole: "MEMBER", orgKind: "ENTERPRISE", verification: "VERIFIED" }] };
  return { ...f, org2: org2.id, supplier2 };
}
type F = Awaited<ReturnType<typeof seedCompensationFixtures>>;

/** A REIMBURSABLE (or other mode) need with one pump offered and accepted; returns the assignment id. */
export async function acceptedAssignment(db: PrismaClient, f: F, mode: "REIMBURSABLE" | "PUBLIC_GOOD" | "PAID" = "REIMBURSABLE", startHour = 1) {
  const need = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId, 1);
  await db.need.update({ where: { id: need }, data: { paymentMode: mode } });
  const resourceId = await createResource(db, f.orgs.enterprise, f.types.pump);
  const a = await propose(db, need, resourceId, { startHour });
  await offerAssignment(db, f.actors.dispatcherA, a, { holdMinutes: 15 });
  await acceptOffer(db, f.actors.supplier, a);
  return { assignmentId: a, needId: need, resourceId };
}

export async function progress(db: PrismaClient, supplier: Actor, assignmentId: string, steps: ("MOBILIZED" | "EN_ROUTE" | "ON_SCENE" | "COMPLETED" | "RELEASED")[]) {
  for (const s of steps) await reportProgress(db, supplier, assignmentId, s);
}

const H = 3_600_000;
/** Pins the lifecycle times to known values: operating (en route → completed) 4 h, standby 0.5 h + 0.5 h. */
export async function pinLifecycle(db: PrismaClient, assignmentId: string, t0 = new Date("2026-12-01T08:00:00+08:00")) {
  const at = (h: number) => new Date(t0.getTime() + h * H);
  await db.assignment.update({
    where: { id: assignmentId },
    data: { mobilizedAt: at(0), enRouteAt: at(0.5), onSceneAt: at(1), completedAt: at(4.5), releasedAt: at(5) },
  });
}
