import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/tests/helpers/db";
import type { PrismaClient } from "@/server/db";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import type { Actor } from "@/server/auth/actor-type";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { findCandidates, loadMatchNeed } from "@/server/modules/matching/find-candidates";
import { loadMatchNeeds } from "@/server/modules/matching/load-match-need";
import { loadAssignmentInputs } from "@/server/modules/matching/assign/load-assignment-inputs";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
const ids = { pump: "", pump2: "", depot1: "", depot2: "", life: "", routine: "", sandbags: "" };
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db, actor, headers: new Headers(), ip: null });

beforeAll(async () => {
  ({ db, cleanup } = await testDb());
  f = await seedOfferFixtures(db);
  const by = f.actors.dispatcherA.userId;
  ids.pump = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 A");
  ids.depot1 = await createResource(db, f.orgs.enterprise, f.types.sandbag, 200, "沙袋库 1");
  ids.depot2 = await createResource(db, f.orgs.enterprise, f.types.sandbag, 200, "沙袋库 2");
  // the routine need is closer to the pump (cheaper) — the life-safety one must still get it
  ids.routine = await createNeed(db, f.incidentId, f.types.pump, by, 1);
  ids.life = await createNeed(db, f.incidentId, f.types.pump, by, 1);
  await db.need.update({ where: { id: ids.routine }, data: { priority: "ROUTINE", stagingLat: 32.06, stagingLng: 118.8 } });
  await db.need.update({ where: { id: ids.life }, data: { priority: "LIFE_SAFETY", stagingLat: 32.1, stagingLng: 118.85 } });
  ids.sandbags = await createNeed(db, f.incidentId, f.types.sandbag, by, 300);
  await db.need.update({ where: { id: ids.sandbags }, data: { category: "MATERIAL", unit: "bag", priority: "URGENT" } });
});
afterAll(async () => cleanup());

describe("proposeIncidentAssignment (matchAssign.propose / proposal)", () => {
  it("assigns the only pump to the life-safety need and fills sandbags from two depots", async () => {
    // the pump is eligible for (and nearer to) the routine need too — so the choice is the solver's
    const routineCands = await findCandidates(db, await loadMatchNeed(db, ids.routine));
    expect(routineCands.map((c) => c.resourceId)).toEqual([ids.pump]);
    const res = await caller(f.actors.dispatcherA).matchAssign.propose({ incidentId: f.incidentId });
    expect(res.method).toBe("MIN_COST_FLOW");
    const need = (id: string) => res.needs.find((n) => n.needId === id)!;
    expect(need(ids.life)).toMatchObject({ proposed: 1, unfilled: 0 });
    expect(need(ids.routine)).toMatchObject({ proposed: 0, unfilled: 1 });
    expect(need(ids.sandbags)).toMatchObject({ proposed: 300, unfilled: 0 });
    expect(res.objective.filled).toEqual({ LIFE_SAFETY: 1, URGENT: 300, ROUTINE: 0 });

    const pumpRow = res.assignments.find((a) => a.resourceId === ids.pump)!;
    expect(pumpRow).toMatchObject({ needId: ids.life, quantity: 1, unitIndex: 0 });
    expect(pumpRow.explanationEn).toBeTruthy();
    expect(pumpRow.explanationZh).toBeTruthy();
    const bagRows = res.assignments.filter((a) => a.needId === ids.sandbags);
    expect(bagRows.map((a) => a.unitIndex)).toEqual([null, null]);
    expect(bagRows.reduce((s, a) => s + a.quantity, 0)).toBe(300);

    const rows = await db.assignment.findMany({ where: { batchId: res.batchId }, select: { status: true, windowStart: true, windowEnd: true, needId: true, scoreBreakdown: true } });
    expect(rows.every((r) => r.status === "PROPOSED")).toBe(true);
    const lifeNeed = await db.need.findUniqueOrThrow({ where: { id: ids.life }, select: { neededBy: true, durationMinutes: true } });
    const lifeRow = rows.find((r) => r.needId === ids.life)!;
    expect(lifeRow.windowStart).toEqual(lifeNeed.neededBy);
    expect(lifeRow.windowEnd.getTime() - lifeRow.windowStart.getTime()).toBe(lifeNeed.durationMinutes * 60_000);
    expect(lifeRow.scoreBreakdown).toMatchObject({ method: "MIN_COST_FLOW" });
    expect(await db.auditEvent.count({ where: { action: "assignment.propose", entityId: f.incidentId } })).toBe(1);
  });

  it("re-proposing replaces the PROPOSED rows and never touches OFFERED ones", async () => {
    ids.pump2 = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 B");
    const neededBy = (await db.need.findUniqueOrThrow({ where: { id: ids.routine }, select: { neededBy: true } })).neededBy;
    const hours = (neededBy.getTime() - Date.now()) / 3_600_000;
    const offered = await propose(db, ids.routine, ids.pump2, { status: "OFFERED", unitIndex: 0, startHour: hours, hours: 4, holdExpiresAt: new Date(Date.now() + 1_800_000) });
    const before = await db.assignment.findMany({ where: { status: "PROPOSED", need: { incidentId: f.incidentId } }, select: { id: true } });

    const res = await caller(f.actors.dispatcherA).matchAssign.propose({ incidentId: f.incidentId });
    const after = await db.assignment.findMany({ where: { status: "PROPOSED", need: { incidentId: f.incidentId } }, select: { id: true, batchId: true } });
    expect(after.length).toBe(before.length);
    expect(after.some((a) => before.some((b) => b.id === a.id))).toBe(false);
    expect(after.every((a) => a.batchId === res.batchId)).toBe(true);

    const o = await db.assignment.findUniqueOrThrow({ where: { id: offered }, select: { status: true, resourceId: true, needId: true } });
    expect(o).toEqual({ status: "OFFERED", resourceId: ids.pump2, needId: ids.routine });
    // the routine need's one unit is on offer: nothing more to propose for it, and pump B is not re-proposed
    expect(res.needs.find((n) => n.needId === ids.routine)).toMatchObject({ quantityOpen: 0, proposed: 0 });
    expect(res.assignments.some((a) => a.resourceId === ids.pump2)).toBe(false);

    const read = await caller(f.actors.memberA).matchAssign.proposal({ incidentId: f.incidentId });
    expect(read.batchId).toBe(res.batchId);
    expect(read.needs.find((n) => n.needId === ids.routine)).toMatchObject({ quantityOpen: 0, proposed: 0, unfilled: 0 });
    expect(read.needs.find((n) => n.needId === ids.life)).toMatchObject({ quantityOpen: 1, proposed: 1, unfilled: 0 });
    expect(read.assignments.map((a) => a.id).sort()).toEqual(after.map((a) => a.id).sort());
  });

  it("loads the needs in one statement and their candidates together, as one by one would", async () => {
    const order = [ids.sandbags, ids.life, ids.routine];
    const many = await loadMatchNeeds(db, order);
    expect(many).toEqual(await Promise.all(order.map((id) => loadMatchNeed(db, id))));
    await expect(loadMatchNeeds(db, [ids.life, "no-such-need"])).rejects.toMatchObject({ code: "NOT_FOUND" });

    const now = new Date();
    const inputs = await loadAssignmentInputs(db, { incidentId: f.incidentId }, { now });
    expect(inputs.needs.length).toBeGreaterThanOrEqual(3);
    for (const need of inputs.needs) {
      const item = inputs.items.find((i) => i.needId === need.id)!;
      const alone = need.quantityOpen > 0 ? await findCandidates(db, need, { now }) : [];
      // the same eligible set in the same order (nothing was declined here, so the tried filter removes none)
      expect(item.candidates.map((c) => c.resourceId)).toEqual(alone.map((c) => c.resourceId));
    }
  });

  it("hides the incident from another organisation and refuses plain members and suppliers", async () => {
    const other = caller(f.actors.memberB);
    await expect(other.matchAssign.propose({ incidentId: f.incidentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.matchAssign.proposal({ incidentId: f.incidentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(f.actors.memberA).matchAssign.propose({ incidentId: f.incidentId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(f.actors.supplier).matchAssign.propose({ incidentId: f.incidentId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await caller(f.actors.admin).matchAssign.propose({ incidentId: f.incidentId });
    expect(admin.objective.filled.LIFE_SAFETY).toBe(1);
  });
});
