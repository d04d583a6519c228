import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/tests/helpers/db";
import type { PrismaClient } from "@/server/db";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import type { Actor } from "@/server/auth/actor-type";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { findCandidates, loadMatchNeed } from "@/server/modules/matching/find-candidates";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
let dispatcherB: Actor;
const ids = { pump: "", incL: "", incR: "", incC: "", life: "", routine: "", otherOrg: "", late: "", far: "" };
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db, actor, headers: new Headers(), ip: null });
/** The pump's base (createResource): the area is a 10 km circle around it, over the next two hours. */
const AREA = { lat: 32.06, lng: 118.8, radiusKm: 10, withinMinutes: 120 };

async function incident(orgId: string, createdById: string, title: string) {
  const i = await db.incident.create({
    data: { orgId, createdById, title, kind: "FLOOD", severity: "III", status: "ACTIVE", lat: 32.06, lng: 118.8, address: "南京", regionCode: "320102" },
    select: { id: true },
  });
  return i.id;
}

async function need(incidentId: string, by: string, priority: "LIFE_SAFETY" | "URGENT" | "ROUTINE", at: [number, number], hours = 1) {
  const id = await createNeed(db, incidentId, f.types.pump, by, 1);
  await db.need.update({
    where: { id },
    data: { priority, stagingLat: at[0], stagingLng: at[1], neededBy: new Date(Date.now() + hours * 3_600_000) },
  });
  return id;
}

const pumpRowsOf = (res: { assignments: { needId: string; resourceId: string }[] }) =>
  res.assignments.filter((a) => a.resourceId === ids.pump).map((a) => a.needId);

beforeAll(async () => {
  ({ db, cleanup } = await testDb());
  f = await seedOfferFixtures(db);
  const userB = await db.user.create({ data: { email: "db@wx.test", name: "吴调度", kind: "REQUESTER" }, select: { id: true } });
  await db.membership.create({ data: { userId: userB.id, orgId: f.orgs.govB, role: "DISPATCHER" } });
  dispatcherB = { via: "session", userId: userB.id, roles: ["REQUESTER"], memberships: [{ orgId: f.orgs.govB, orgRole: "DISPATCHER", orgKind: "GOVERNMENT", verification: "VERIFIED" }] };

  const a = f.actors.dispatcherA.userId;
  ids.pump = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 A");
  ids.incL = f.incidentId;
  ids.incR = await incident(f.orgs.govA, a, "玄武湖堤段渗漏");
  ids.incC = await incident(f.orgs.govB, dispatcherB.userId, "跨区支援");
  // the routine need (incident R) sits on the pump; the life-safety need (incident L) is ~6.5 km away
  ids.routine = await need(ids.incR, a, "ROUTINE", [32.06, 118.8]);
  ids.life = await need(ids.incL, a, "LIFE_SAFETY", [32.1, 118.85]);
  ids.otherOrg = await need(ids.incC, dispatcherB.userId, "URGENT", [32.07, 118.81]);
  ids.late = await need(ids.incL, a, "LIFE_SAFETY", [32.05, 118.79], 5); // in the circle, needed after the window
  ids.far = await need(ids.incL, a, "LIFE_SAFETY", [32.3, 118.8]); // in the window, ~27 km out
});
afterAll(async () => cleanup());

describe("proposeAreaAssignment (matchAssign.proposeArea)", () => {
  it("per incident, the routine need takes the only pump; jointly over the area, the life-safety need gets it", async () => {
    // the pump is in range of every need here, so only the scope decides who gets it
    for (const n of [ids.routine, ids.life, ids.otherOrg, ids.late, ids.far]) {
      expect((await findCandidates(db, await loadMatchNeed(db, n))).map((c) => c.resourceId)).toContain(ids.pump);
    }
    const aloneR = await caller(f.actors.dispatcherA).matchAssign.propose({ incidentId: ids.incR });
    expect(pumpRowsOf(aloneR)).toEqual([ids.routine]);
    const aloneL = await caller(f.actors.dispatcherA).matchAssign.propose({ incidentId: ids.incL });
    expect(pumpRowsOf(aloneL)).toHaveLength(1); // both incidents claim the one pump
    // a proposal of a need outside the area (needed after the window), which the area run must not touch
    const keep = await propose(db, ids.late, ids.pump, { startHour: 5 });

    const res = await caller(f.actors.dispatcherA).matchAssign.proposeArea(AREA);
    expect(res.method).toBe("MIN_COST_FLOW");
    expect(res.incidents.map((i) => i.id).sort()).toEqual([ids.incL, ids.incR].sort());
    // other organisation's need, the late one and the far one are not in the problem
    expect(res.needs.map((n) => n.needId).sort()).toEqual([ids.life, ids.routine].sort());
    expect(pumpRowsOf(res)).toEqual([ids.life]);
    expect(res.needs.find((n) => n.needId === ids.life)).toMatchObject({ incidentId: ids.incL, proposed: 1, unfilled: 0 });
    expect(res.needs.find((n) => n.needId === ids.routine)).toMatchObject({ incidentId: ids.incR, proposed: 0, unfilled: 1 });
    expect(res.objective.filled).toEqual({ LIFE_SAFETY: 1, URGENT: 0, ROUTINE: 0 });

    // the routine need's per-incident proposal is replaced; needs outside the area keep theirs
    const proposed = await db.assignment.findMany({ where: { status: "PROPOSED" }, select: { needId: true, resourceId: true, batchId: true } });
    expect(proposed.filter((p) => p.needId === ids.routine)).toEqual([]);
    expect(proposed.filter((p) => p.needId === ids.life)).toEqual([{ needId: ids.life, resourceId: ids.pump, batchId: res.batchId }]);
    expect(await db.assignment.findUnique({ where: { id: keep }, select: { status: true } })).toEqual({ status: "PROPOSED" });

    // the incident pages read it: L's proposal shows the pump on the life-safety need (next to its needs
    // outside the area, still proposed from before), R's shows the routine need unfilled
    const readL = await caller(f.actors.memberA).matchAssign.proposal({ incidentId: ids.incL });
    expect(readL.assignments.filter((a) => a.needId === ids.life).map((a) => a.resourceId)).toEqual([ids.pump]);
    const readR = await caller(f.actors.memberA).matchAssign.proposal({ incidentId: ids.incR });
    expect(readR.needs.find((n) => n.needId === ids.routine)).toMatchObject({ proposed: 0, unfilled: 1 });

    const audits = await db.auditEvent.findMany({ where: { action: "assignment.propose", data: { path: ["batchId"], equals: res.batchId! } }, select: { entityId: true, orgId: true, data: true } });
    expect(audits.map((a) => a.entityId).sort()).toEqual([ids.incL, ids.incR].sort());
    expect(audits.every((a) => a.orgId === f.orgs.govA)).toBe(true);
    expect(audits[0]!.data).toMatchObject({ scope: { kind: "area", radiusKm: 10, withinMinutes: 120, incidents: 2, needs: 2 } });
  });

  it("a platform admin solves across organisations; each dispatcher gets only the incidents they dispatch for", async () => {
    const admin = await caller(f.actors.admin).matchAssign.proposeArea(AREA);
    expect(res3(admin.needs)).toEqual([ids.life, ids.otherOrg, ids.routine].sort());
    expect(pumpRowsOf(admin)).toEqual([ids.life]);
    expect(admin.needs.find((n) => n.needId === ids.otherOrg)).toMatchObject({ proposed: 0, unfilled: 1 });

    // dispatcher B sees only incident C: the pump is proposed there, and incident L's rows are left alone
    const b = await caller(dispatcherB).matchAssign.proposeArea(AREA);
    expect(b.incidents.map((i) => i.id)).toEqual([ids.incC]);
    expect(res3(b.needs)).toEqual([ids.otherOrg]);
    expect(pumpRowsOf(b)).toEqual([ids.otherOrg]);
    const lifeRows = await db.assignment.findMany({ where: { needId: ids.life, status: "PROPOSED" }, select: { batchId: true } });
    expect(lifeRows).toEqual([{ batchId: admin.batchId }]);

    // dispatcher A's area run never reads, replaces or counts incident C's need
    const a = await caller(f.actors.dispatcherA).matchAssign.proposeArea(AREA);
    expect(res3(a.needs)).toEqual([ids.life, ids.routine].sort());
    const cRows = await db.assignment.findMany({ where: { needId: ids.otherOrg, status: "PROPOSED" }, select: { batchId: true } });
    expect(cRows).toEqual([{ batchId: b.batchId }]);
  });

  it("refuses callers who dispatch for no incident, and bad areas", async () => {
    await expect(caller(f.actors.memberA).matchAssign.proposeArea(AREA)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(f.actors.memberB).matchAssign.proposeArea(AREA)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(f.actors.supplier).matchAssign.proposeArea(AREA)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(f.actors.dispatcherA).matchAssign.proposeArea({ ...AREA, radiusKm: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller(f.actors.dispatcherA).matchAssign.proposeArea({ ...AREA, withinMinutes: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // an empty area is an empty proposal, not an error
    const empty = await caller(f.actors.dispatcherA).matchAssign.proposeArea({ ...AREA, lat: 31.3, lng: 121.5 });
    expect(empty).toMatchObject({ incidents: [], needs: [], assignments: [] });
  });
});

function res3(needs: { needId: string }[]): string[] {
  return needs.map((n) => n.needId).sort();
}
