import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TTimelineEntry } from "@/lib/schemas/incidents";
import { ZAdvanceKnightTaskInput } from "@/lib/schemas/knight-tasks";
import { getIncident } from "@/server/modules/incidents/get-incident";
import { incidentTimeline } from "@/server/modules/incidents/timeline";
import { createNeed } from "@/server/modules/needs/create-need";
import { needInput } from "@/server/modules/incidents/test-fixtures";
import { proposeIncidentAssignment } from "@/server/modules/matching/assign/propose-incident-assignment";
import { offerAssignment } from "@/server/modules/offers/send-offer";
import { acceptOffer, declineOffer } from "@/server/modules/offers/answer-offer";
import { reportProgress, PROGRESS_STEPS } from "@/server/modules/offers/report-progress";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { acceptKnightOffer } from "@/server/modules/dispatch/answer-knight-offer";
import { advanceKnightTask, confirmKnightTask } from "@/server/modules/knights/advance-knight-task";
import { createKnight, createKnightNeed, northOf, seedDispatchFixtures, type TestKnight } from "@/server/modules/dispatch/test-fixtures";
import { createResource } from "@/server/modules/offers/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
let dispatcher: Actor, supplier: Actor;
let knight: TestKnight;
const ids = { pumpNeed: "", knightNeed: "", pumpA: "", pumpB: "", offerA: "", offerB: "", task: "" };

/** Entries of one need, oldest first, as "action" or "action:status-or-stage". */
const story = (entries: TTimelineEntry[], needId: string) =>
  entries
    .filter((e) => e.needId === needId)
    .reverse()
    .map((e) => (e.details.status ?? e.details.to ? `${e.action}:${e.details.status ?? e.details.to}` : e.action));

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
  ({ dispatcherA: dispatcher, supplier } = f.actors);
  await t.db.organization.update({ where: { id: f.orgs.enterprise }, data: { nameEn: "Su'an Emergency Equipment" } });
  ids.pumpA = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "排水泵 A");
  ids.pumpB = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "排水泵 B");
  await t.db.resource.update({ where: { id: ids.pumpA }, data: { titleEn: "Drainage pump A" } });

  // A resource need, posted, matched, offered to two pumps: one accepts and works it through, one declines.
  ids.pumpNeed = (await createNeed(t.db, dispatcher, needInput(f.incidentId, f.types.pump, { title: "中山路排涝", quantity: 2 }))).id;
  const proposal = await proposeIncidentAssignment(t.db, dispatcher, f.incidentId);
  const rowOf = (resourceId: string) => proposal.assignments.find((a) => a.resourceId === resourceId && a.needId === ids.pumpNeed)!.id;
  ids.offerA = rowOf(ids.pumpA);
  ids.offerB = rowOf(ids.pumpB);
  await offerAssignment(t.db, dispatcher, ids.offerA);
  await offerAssignment(t.db, dispatcher, ids.offerB);
  await acceptOffer(t.db, supplier, ids.offerA);
  await declineOffer(t.db, supplier, ids.offerB, "泵车检修中");
  for (const step of PROGRESS_STEPS) await reportProgress(t.db, supplier, ids.offerA, step);

  // A knight task: dispatched, accepted by the one knight near it, reported on site, confirmed.
  knight = await createKnight(t.db, northOf(0.5));
  ids.knightNeed = await createKnightNeed(t.db, f.incidentId, dispatcher.userId, { title: "侦察积水深度" });
  await startDispatch(t.db, dispatcher, ids.knightNeed);
  const offer = await t.db.offer.findUniqueOrThrow({ where: { needId_knightId: { needId: ids.knightNeed, knightId: knight.id } }, select: { id: true } });
  ids.task = (await acceptKnightOffer(t.db, knight.actor, offer.id)).assignmentId!;
  await advanceKnightTask(t.db, knight.actor, ZAdvanceKnightTaskInput.parse({ assignmentId: ids.task, to: "AT_DROPOFF" }));
  await advanceKnightTask(t.db, knight.actor, ZAdvanceKnightTaskInput.parse({ assignmentId: ids.task, to: "DELIVERED", note: "积水约 30 厘米" }));
  await confirmKnightTask(t.db, dispatcher, { assignmentId: ids.task });
}, 120_000);
afterAll(async () => t?.cleanup());

describe("incident timeline (audit chain → the incident's story)", () => {
  it("tells a resource need's story in order: posted, offered, accepted, declined with its reason, every progress step", async () => {
    const { timeline, timelineTruncated } = await getIncident(t.db, dispatcher, f.incidentId);
    expect(timelineTruncated).toBe(false);
    expect(story(timeline, ids.pumpNeed)).toEqual([
      "need.create:OPEN",
      "assignment.offer",
      "assignment.offer",
      "assignment.accept",
      "assignment.decline",
      ...PROGRESS_STEPS.map((s) => `assignment.progress:${s}`),
    ]);
    // newest first overall
    for (let i = 1; i < timeline.length; i++) expect(timeline[i]!.at.getTime()).toBeLessThanOrEqual(timeline[i - 1]!.at.getTime());
    expect(timeline.some((e) => e.action === "assignment.propose" && e.entityType === "Incident")).toBe(true);

    const accepted = timeline.find((e) => e.action === "assignment.accept")!;
    expect(accepted).toMatchObject({
      entityType: "Assignment", entityId: ids.offerA, needTitle: "中山路排涝", knight: false, knightName: null,
      resourceTitle: "排水泵 A", resourceTitleEn: "Drainage pump A", supplierName: "苏安应急装备有限公司", supplierNameEn: "Su'an Emergency Equipment",
      actorName: "周供应",
    });
    expect(timeline.find((e) => e.action === "assignment.decline")).toMatchObject({ entityId: ids.offerB, resourceTitle: "排水泵 B", details: { reason: "泵车检修中" } });
  });

  it("tells a knight task's story: dispatch started, the knight accepted, stages, completed — naming the knight to dispatchers", async () => {
    const { timeline } = await getIncident(t.db, dispatcher, f.incidentId);
    expect(story(timeline, ids.knightNeed)).toEqual([
      "dispatch.start",
      "knightOffer.accept",
      "knightTask.advance:AT_DROPOFF",
      "knightTask.advance:DELIVERED",
      "knightTask.complete",
    ]);
    const name = (await t.db.user.findUniqueOrThrow({ where: { id: knight.userId }, select: { name: true } })).name;
    const steps = timeline.filter((e) => e.knight);
    expect(steps).toHaveLength(4);
    expect(steps.every((e) => e.knightName === name && e.taskKind === "RECON")).toBe(true);
    expect(timeline.find((e) => e.action === "knightOffer.accept")).toMatchObject({ entityType: "Offer", actorName: name, needTitle: "侦察积水深度" });
  });

  it("never names a knight to a reader who does not dispatch (an API key), nor carries positions or notes", async () => {
    const apiKey: Actor = { ...f.actors.memberA, via: "apiKey", apiKey: { id: "k", orgId: f.orgs.govA, scopes: [] } };
    const { timeline } = await getIncident(t.db, apiKey, f.incidentId);
    const steps = timeline.filter((e) => e.knight);
    expect(steps).toHaveLength(4);
    for (const e of steps) {
      expect(e.knightName).toBeNull();
      // the knight's own steps carry no actor name; the dispatcher's confirmation does
      expect(e.actorName === null, e.action).toBe(e.action !== "knightTask.complete");
    }
    const json = JSON.stringify(timeline);
    const name = (await t.db.user.findUniqueOrThrow({ where: { id: knight.userId }, select: { name: true } })).name!;
    expect(json).not.toContain(name);
    expect(json).not.toContain(knight.id);
    expect(json).not.toContain(String(knight.lat));
    expect(json).not.toContain("积水约 30 厘米");
  });

  it("is bounded: the newest `limit` events, and a flag that older ones were left out", async () => {
    const all = await incidentTimeline(t.db, f.incidentId, { showKnightNames: true });
    const some = await incidentTimeline(t.db, f.incidentId, { showKnightNames: true, limit: 3 });
    expect(all.truncated).toBe(false);
    expect(some.truncated).toBe(true);
    expect(some.entries.map((e) => e.action)).toEqual(all.entries.slice(0, 3).map((e) => e.action));
    expect(some.entries[0]).toMatchObject({ action: "knightTask.complete" });
  });
});
