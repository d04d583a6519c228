import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { ZAdvanceKnightTaskInput } from "@/lib/schemas/knight-tasks";
import { createNeed } from "@/server/modules/needs/create-need";
import { needInput } from "@/server/modules/incidents/test-fixtures";
import { getIncident } from "@/server/modules/incidents/get-incident";
import { proposeIncidentAssignment } from "@/server/modules/matching/assign/propose-incident-assignment";
import { offerAssignment } from "@/server/modules/offers/send-offer";
import { acceptOffer, declineOffer } from "@/server/modules/offers/answer-offer";
import { reportProgress, PROGRESS_STEPS } from "@/server/modules/offers/report-progress";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { acceptKnightOffer } from "@/server/modules/dispatch/answer-knight-offer";
import { advanceKnightTask, confirmKnightTask } from "@/server/modules/knights/advance-knight-task";
import { setIncidentStatus } from "@/server/modules/incidents/set-incident-status";
import { createKnight, northOf, seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";
import { createResource } from "@/server/modules/offers/test-fixtures";
import { replayIncident, verifyIncidentReplay } from "@/server/modules/command/replay/replay-incident";
import { stateAt } from "@/server/modules/command/replay/state-at";

/**
 * A scripted incident run through the app's own modules; after every step the test reads what the database
 * holds (incident status, each need's status and quantities by stage, each offered unit's status) and
 * notes the time. The replay — built from the audit events alone — must give the same state at each time.
 */
let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
let dispatcher: Actor, supplier: Actor;
type Snapshot = { at: Date; label: string; incident: string; needs: Record<string, { status: string; quantity: number; committed: number; enRoute: number; onScene: number; released: number }>; units: Record<string, string> };
const snapshots: Snapshot[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function snapshot(label: string): Promise<void> {
  const incident = await t.db.incident.findUniqueOrThrow({ where: { id: f.incidentId }, select: { status: true } });
  const needs = await t.db.need.findMany({
    where: { incidentId: f.incidentId },
    select: { id: true, status: true, quantity: true, qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true },
  });
  const units = await t.db.assignment.findMany({ where: { need: { incidentId: f.incidentId }, status: { not: "PROPOSED" } }, select: { id: true, status: true } });
  snapshots.push({
    at: new Date(),
    label,
    incident: incident.status,
    needs: Object.fromEntries(needs.map((n) => [n.id, { status: n.status, quantity: n.quantity, committed: n.qtyCommitted, enRoute: n.qtyEnRoute, onScene: n.qtyOnScene, released: n.qtyReleased }])),
    units: Object.fromEntries(units.map((u) => [u.id, u.status])),
  });
  await sleep(5); // the next step's audit time is strictly later than this snapshot's
}

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
  ({ dispatcherA: dispatcher, supplier } = f.actors);
  // The fixture's incident row was inserted directly: give it its creation event as create-incident.ts would.
  const { recordAudit } = await import("@/server/modules/audit/record-audit");
  await recordAudit(t.db, { actorId: dispatcher.userId, orgId: f.orgs.govA, action: "incident.create", entityType: "Incident", entityId: f.incidentId, data: { title: "内涝", status: "ACTIVE" } });
  await snapshot("incident");
  const pumpA = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "排水泵 A");
  const pumpB = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "排水泵 B");
  const need = (await createNeed(t.db, dispatcher, needInput(f.incidentId, f.types.pump, { title: "中山路排涝", quantity: 2 }))).id;
  await snapshot("need posted");
  const proposal = await proposeIncidentAssignment(t.db, dispatcher, f.incidentId);
  const rowOf = (resourceId: string) => proposal.assignments.find((a) => a.resourceId === resourceId && a.needId === need)!.id;
  const [a, b] = [rowOf(pumpA), rowOf(pumpB)];
  await snapshot("proposed");
  await offerAssignment(t.db, dispatcher, a);
  await snapshot("offer A");
  await offerAssignment(t.db, dispatcher, b);
  await snapshot("offer B");
  await acceptOffer(t.db, supplier, a);
  await snapshot("accept A");
  await declineOffer(t.db, supplier, b, "泵车检修中");
  await snapshot("decline B");
  for (const step of PROGRESS_STEPS) {
    await reportProgress(t.db, supplier, a, step);
    await snapshot(`A ${step}`);
  }
  const knight = await createKnight(t.db, northOf(0.5));
  const knightNeed = (
    await createNeed(t.db, dispatcher, {
      ...needInput(f.incidentId, f.types.pump, { title: "侦察积水深度", quantity: 1, unit: "rider", maxDistanceKm: 20 }),
      typeId: undefined, category: "KNIGHT", freeText: "侦察积水", taskKind: "RECON",
    })
  ).id;
  await snapshot("knight need posted");
  await startDispatch(t.db, dispatcher, knightNeed);
  await snapshot("dispatch");
  const offer = await t.db.offer.findUniqueOrThrow({ where: { needId_knightId: { needId: knightNeed, knightId: knight.id } }, select: { id: true } });
  const task = (await acceptKnightOffer(t.db, knight.actor, offer.id)).assignmentId!;
  await snapshot("knight accepted");
  await advanceKnightTask(t.db, knight.actor, ZAdvanceKnightTaskInput.parse({ assignmentId: task, to: "AT_DROPOFF" }));
  await snapshot("knight on site");
  await advanceKnightTask(t.db, knight.actor, ZAdvanceKnightTaskInput.parse({ assignmentId: task, to: "DELIVERED", note: "积水约 30 厘米" }));
  await confirmKnightTask(t.db, dispatcher, { assignmentId: task });
  await snapshot("knight done");
  await setIncidentStatus(t.db, dispatcher, { id: f.incidentId, status: "CLOSED", unmetReason: "DECLINED" });
  await snapshot("closed");
}, 180_000);
afterAll(async () => t?.cleanup());

describe("incident replay from the audit chain", () => {
  it("rebuilds, at every step's time, the state the database held then", async () => {
    const replay = await replayIncident(t.db, dispatcher, f.incidentId);
    expect(snapshots.length).toBeGreaterThan(15);
    for (const s of snapshots) {
      const st = stateAt(replay.events, s.at);
      const units = Object.fromEntries(Object.entries(st.units).filter(([, u]) => u.stage !== "PROPOSED").map(([id, u]) => [id, u.stage]));
      const needs = Object.fromEntries(Object.entries(st.needs).map(([id, n]) => [id, { status: n.status, quantity: n.quantity, committed: n.committed, enRoute: n.enRoute, onScene: n.onScene, released: n.released }]));
      expect({ label: s.label, incident: st.incidentStatus, needs, units }).toEqual({ label: s.label, incident: s.incident, needs: s.needs, units: s.units });
    }
    // Before the first event nothing exists yet.
    expect(stateAt(replay.events, new Date(snapshots[0]!.at.getTime() - 60_000))).toMatchObject({ incidentStatus: null, needs: {}, units: {}, applied: 0 });
  });

  it("lists the same events as the incident timeline, oldest first, with their chain positions", async () => {
    const replay = await replayIncident(t.db, dispatcher, f.incidentId);
    const { timeline } = await getIncident(t.db, dispatcher, f.incidentId);
    expect(replay.events.map((e) => e.action)).toEqual([...timeline].reverse().map((e) => e.action));
    const seqs = replay.events.map((e) => BigInt(e.seq));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! > seqs[i - 1]!).toBe(true);
    expect(replay.units.every((u) => u.knight ? u.label === null : typeof u.label === "string")).toBe(true);
    expect(JSON.stringify(replay)).not.toMatch(/lastLat|last_lat|骑士\d/);
  });

  it("is not open to a supplier or another region's government user (NOT_FOUND)", async () => {
    await expect(replayIncident(t.db, supplier, f.incidentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await t.db.organization.update({ where: { id: f.orgs.govB }, data: { regionCode: "320200" } });
    await expect(replayIncident(t.db, f.actors.memberB, f.incidentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("verify: intact as written; a tampered event of the incident breaks it, named by its chain position", async () => {
    const ok = await verifyIncidentReplay(t.db, dispatcher, f.incidentId);
    expect(ok).toMatchObject({ intact: true, brokenAtSeq: null });
    expect(ok.incidentEvents).toBeGreaterThan(15);
    const target = (await replayIncident(t.db, dispatcher, f.incidentId)).events.find((e) => e.action === "assignment.decline")!;
    await t.db.$executeRaw`UPDATE audit_event SET data = jsonb_set(data, '{reason}', '"另有任务"') WHERE seq = ${BigInt(target.seq)}`;
    const bad = await verifyIncidentReplay(t.db, dispatcher, f.incidentId);
    expect(bad).toMatchObject({ intact: false, brokenAtSeq: target.seq, brokenInIncident: true });
  });
});
