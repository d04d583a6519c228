import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/tests/helpers/db";
import type { PrismaClient } from "@/server/db";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import type { Actor } from "@/server/auth/actor-type";
import { runJobs } from "@/server/jobs/queue";
import { offerJobHandlers } from "@/server/jobs/offer-jobs";
import { declineOffer } from "@/server/modules/offers/answer-offer";
import { createNeed, createResource, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db, actor, headers: new Headers(), ip: null });

beforeAll(async () => {
  ({ db, cleanup } = await testDb());
  f = await seedOfferFixtures(db);
});
afterAll(async () => cleanup());

/** Each test gets its own incident (so proposals never mix), with one need for `quantity` pumps. */
async function incidentWithNeed(quantity = 1) {
  const inc = await db.incident.create({
    data: { orgId: f.orgs.govA, createdById: f.actors.dispatcherA.userId, title: "内涝", kind: "FLOOD", severity: "III", status: "ACTIVE", lat: 32.05, lng: 118.79, address: "南京市玄武区", regionCode: "320102" },
    select: { id: true },
  });
  const needId = await createNeed(db, inc.id, f.types.pump, f.actors.dispatcherA.userId, quantity);
  return { incidentId: inc.id, needId };
}

/** Resources in use by other tests are taken out of the market so candidates stay predictable. */
async function retireAllPumps() {
  await db.resource.updateMany({ where: { typeId: f.types.pump }, data: { status: "RETIRED" } });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; fieldErrors: Record<string, string[]> | undefined }> {
  const e = (await p.then(() => null, (err: unknown) => err)) as { code?: string; cause?: { fieldErrors?: Record<string, string[]> } } | null;
  expect(e, "expected the call to fail").not.toBeNull();
  return { code: e!.code ?? "?", fieldErrors: e!.cause?.fieldErrors };
}

const runOfferJobs = async () => {
  await db.job.updateMany({ where: { doneAt: null }, data: { runAt: new Date(Date.now() - 1000) } });
  return runJobs(db, { queues: ["offer.expire", "offer.next"], handlers: offerJobHandlers(db), workerId: "test" });
};

describe("adjusting a proposal (matchAssign.replace / drop)", () => {
  it("swaps a proposed resource for another eligible one: old row cancelled, new row scored and explained, audited", async () => {
    await retireAllPumps();
    const { incidentId, needId } = await incidentWithNeed();
    const near = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 近");
    const far = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 远");
    await db.resource.update({ where: { id: far }, data: { lat: 32.3, lng: 118.9 } });
    const d = caller(f.actors.dispatcherA);
    const res = await d.matchAssign.propose({ incidentId });
    const row = res.assignments.find((a) => a.needId === needId)!;
    expect(row.resourceId).toBe(near);
    expect(res.needs[0]).toMatchObject({ stagingLat: 32.05, stagingLng: 118.79 });
    expect(row.resourceLat).toBeCloseTo(32.06, 3);

    const swapped = await d.matchAssign.replace({ assignmentId: row.id, resourceId: far });
    expect(swapped).toMatchObject({ needId, resourceId: far, resourceTitle: "排水泵 远", quantity: 1, unitIndex: 0 });
    expect(swapped.explanationZh).toBeTruthy();
    expect(swapped.explanationEn).toMatch(/km/);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: row.id }, select: { status: true } })).status).toBe("CANCELLED");
    const read = await d.matchAssign.proposal({ incidentId });
    expect(read.assignments.map((a) => a.resourceId)).toEqual([far]);
    expect(read.batchId).toBe(res.batchId);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "assignment.replace", entityId: swapped.id }, select: { data: true, actorId: true } });
    expect(audit).toMatchObject({ actorId: f.actors.dispatcherA.userId, data: { fromResourceId: near, toResourceId: far, replaced: row.id } });
    // the swapped-out row is no longer proposed: changing it again is a conflict
    expect((await failure(d.matchAssign.replace({ assignmentId: row.id, resourceId: near }))).code).toBe("CONFLICT");
  });

  it("refuses an ineligible resource with a field error, and another organisation's requester", async () => {
    await retireAllPumps();
    const { incidentId } = await incidentWithNeed();
    const pump = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 甲");
    const boat = await createResource(db, f.orgs.enterprise, f.types.boat, 1, "冲锋舟");
    const outOfRange = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 苏州");
    await db.resource.update({ where: { id: outOfRange }, data: { lat: 31.3, lng: 120.6, maxTravelKm: 50 } });
    const d = caller(f.actors.dispatcherA);
    const res = await d.matchAssign.propose({ incidentId });
    const row = res.assignments[0]!;
    expect(row.resourceId).toBe(pump);

    for (const bad of [boat, outOfRange]) {
      const e = await failure(d.matchAssign.replace({ assignmentId: row.id, resourceId: bad }));
      expect(e.code).toBe("BAD_REQUEST");
      expect(e.fieldErrors).toEqual({ resourceId: ["errors.resourceIneligible"] });
    }
    // the refused swaps changed nothing
    expect((await db.assignment.findUniqueOrThrow({ where: { id: row.id }, select: { status: true, resourceId: true } }))).toEqual({ status: "PROPOSED", resourceId: pump });

    expect((await failure(caller(f.actors.memberB).matchAssign.replace({ assignmentId: row.id, resourceId: pump }))).code).toBe("NOT_FOUND");
    expect((await failure(caller(f.actors.memberB).matchAssign.drop({ assignmentId: row.id }))).code).toBe("NOT_FOUND");
    expect((await failure(caller(f.actors.memberA).matchAssign.drop({ assignmentId: row.id }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(f.actors.supplier).matchAssign.drop({ assignmentId: row.id }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(f.actors.memberB).matchAssign.setAutoDispatch({ incidentId, on: true }))).code).toBe("NOT_FOUND");
    expect(await db.auditEvent.count({ where: { action: { in: ["assignment.replace", "assignment.drop"] }, data: { path: ["needId"], equals: row.needId } } })).toBe(0);
  });

  it("drops a proposed resource (kept as CANCELLED, audited) and the automatic next offer never brings it back", async () => {
    await retireAllPumps();
    const { incidentId, needId } = await incidentWithNeed();
    const only = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 唯一");
    const d = caller(f.actors.dispatcherA);
    const res = await d.matchAssign.propose({ incidentId });
    expect(res.assignments.map((a) => a.resourceId)).toEqual([only]);
    await expect(d.matchAssign.drop({ assignmentId: res.assignments[0]!.id })).resolves.toEqual({ id: res.assignments[0]!.id, status: "CANCELLED" });
    expect((await d.matchAssign.proposal({ incidentId })).assignments).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "assignment.drop", entityId: res.assignments[0]!.id } })).toBe(1);
    expect((await failure(d.matchAssign.drop({ assignmentId: res.assignments[0]!.id }))).code).toBe("CONFLICT");
    const { offerNext } = await import("@/server/modules/offers/offer-next");
    expect(await offerNext(db, needId)).toBeNull();
    expect(await db.assignment.count({ where: { needId, status: "OFFERED" } })).toBe(0);
    // nor does proposing again; swapping it back in by hand still works
    const again = await d.matchAssign.propose({ incidentId });
    expect(again.assignments).toEqual([]);
    expect(again.needs[0]).toMatchObject({ quantityOpen: 1, proposed: 0, unfilled: 1 });
  });
});

describe("auto mode and the fresh next candidate", () => {
  it("auto mode: proposing offers the whole proposal at once, within the open units", async () => {
    await retireAllPumps();
    const { incidentId, needId } = await incidentWithNeed(2);
    const a = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 一");
    const b = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 二");
    await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 三");
    const d = caller(f.actors.dispatcherA);
    expect((await d.matchAssign.proposal({ incidentId })).autoDispatch).toBe(false);
    await d.matchAssign.setAutoDispatch({ incidentId, on: true });
    expect(await db.auditEvent.count({ where: { action: "incident.auto_dispatch", entityId: incidentId } })).toBe(1);
    const res = await d.matchAssign.propose({ incidentId });
    expect(res).toMatchObject({ autoDispatch: true, autoOffered: 2, assignments: [] });
    const rows = await db.assignment.findMany({ where: { needId }, select: { status: true, resourceId: true, holdExpiresAt: true } });
    expect(rows.map((r) => r.status)).toEqual(["OFFERED", "OFFERED"]);
    expect(rows.every((r) => r.holdExpiresAt && r.holdExpiresAt.getTime() > Date.now())).toBe(true);
    expect(new Set(rows.map((r) => r.resourceId)).size).toBe(2);
    expect(rows.some((r) => r.resourceId === a || r.resourceId === b)).toBe(true);
    expect(await db.notification.count({ where: { userId: f.actors.supplier.userId, kind: "offer.received", payload: { path: ["needId"], equals: needId } } })).toBe(2);
    // nothing open any more: a second proposal proposes and offers nothing
    const again = await d.matchAssign.propose({ incidentId });
    expect(again).toMatchObject({ autoOffered: 0, assignments: [] });
    expect(await db.assignment.count({ where: { needId, status: "OFFERED" } })).toBe(2);
  });

  it("decline with no PROPOSED left → a fresh candidate is offered; nothing eligible left → unmet DECLINED, requester notified", async () => {
    await retireAllPumps();
    const { incidentId, needId } = await incidentWithNeed();
    const first = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 首选");
    const d = caller(f.actors.dispatcherA);
    const res = await d.matchAssign.propose({ incidentId });
    expect(res.assignments.map((x) => x.resourceId)).toEqual([first]);
    await d.offer.send({ id: res.assignments[0]!.id });
    // a second pump is listed only after the proposal: no PROPOSED row exists for it
    const fresh = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 新上架");
    await declineOffer(db, f.actors.supplier, res.assignments[0]!.id, "设备检修");
    expect(await db.assignment.count({ where: { needId, status: "PROPOSED" } })).toBe(0);
    await runOfferJobs();
    const offered = await db.assignment.findFirstOrThrow({ where: { needId, status: "OFFERED" }, select: { id: true, resourceId: true, explanationZh: true, explanationEn: true, score: true, holdExpiresAt: true } });
    expect(offered.resourceId).toBe(fresh);
    expect(offered.explanationZh).toBeTruthy();
    expect(offered.explanationEn).toBeTruthy();
    expect(offered.score).toBeGreaterThan(0);
    expect(await db.job.count({ where: { key: `offer.expire:${offered.id}`, doneAt: null } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "assignment.propose_next", entityId: offered.id } })).toBe(1);

    await declineOffer(db, f.actors.supplier, offered.id, "人手不足");
    await runOfferJobs();
    expect(await db.assignment.count({ where: { needId, status: "OFFERED" } })).toBe(0);
    const need = await db.need.findUniqueOrThrow({ where: { id: needId }, select: { unmetReason: true, status: true } });
    expect(need).toEqual({ unmetReason: "DECLINED", status: "OPEN" });
    const notes = await db.notification.findMany({ where: { userId: f.actors.dispatcherA.userId, kind: "need.unmet" }, select: { payload: true } });
    expect(notes.filter((n) => (n.payload as { needId?: string }).needId === needId)).toHaveLength(1);

    // a new listing, proposed and offered by the dispatcher: the need is being worked on again
    const later = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 后补");
    const again = await d.matchAssign.propose({ incidentId });
    expect(again.assignments.map((x) => x.resourceId)).toEqual([later]);
    await d.offer.send({ id: again.assignments[0]!.id });
    expect((await db.need.findUniqueOrThrow({ where: { id: needId }, select: { unmetReason: true } })).unmetReason).toBeNull();
  });

  it("expiry with nobody eligible left → unmet ALL_BUSY (flagged once)", async () => {
    await retireAllPumps();
    const { incidentId, needId } = await incidentWithNeed();
    await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 孤品");
    const d = caller(f.actors.dispatcherA);
    const res = await d.matchAssign.propose({ incidentId });
    const id = res.assignments[0]!.id;
    await d.offer.send({ id });
    await db.assignment.update({ where: { id }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
    await runOfferJobs();
    expect((await db.assignment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status).toBe("EXPIRED");
    expect((await db.need.findUniqueOrThrow({ where: { id: needId }, select: { unmetReason: true } })).unmetReason).toBe("ALL_BUSY");
    const { offerNext } = await import("@/server/modules/offers/offer-next");
    expect(await offerNext(db, needId)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "need.unmet", entityId: needId } })).toBe(1);
  });
});

describe("the incident's assignments (matchAssign.assignments)", () => {
  it("lists offered and booked rows with status and supplier for readers of the incident only", async () => {
    await retireAllPumps();
    const { incidentId, needId } = await incidentWithNeed();
    await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 列表");
    const d = caller(f.actors.dispatcherA);
    const res = await d.matchAssign.propose({ incidentId });
    expect(await d.matchAssign.assignments({ incidentId })).toEqual([]);
    await d.offer.send({ id: res.assignments[0]!.id });
    await caller(f.actors.supplier).offer.accept({ id: res.assignments[0]!.id });
    await caller(f.actors.supplier).offer.report({ id: res.assignments[0]!.id, status: "MOBILIZED" });
    const list = await caller(f.actors.memberA).matchAssign.assignments({ incidentId });
    expect(list).toMatchObject([{ needId, status: "MOBILIZED", quantity: 1, resourceTitle: "排水泵 列表", supplierName: "苏安应急装备有限公司", holdExpiresAt: null }]);
    expect((await failure(caller(f.actors.memberB).matchAssign.assignments({ incidentId }))).code).toBe("NOT_FOUND");
  });
});
