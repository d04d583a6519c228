import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createNeed, createResource, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { createKnight, createKnightNeed } from "@/server/modules/dispatch/test-fixtures";
import { createHazardZone, updateHazardZone } from "@/server/modules/dispatch/hazard-zones";
import { loadCommandMap } from "@/server/modules/command/command-map";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
let knightUserId: string;
let supplierUserId: string;
let farNeedId: string;

/** A closed square ring around a point, ±d degrees. */
function square(lat: number, lng: number, d: number): { type: "Polygon"; coordinates: [number, number][][] } {
  return { type: "Polygon", coordinates: [[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]]] };
}

const since = async () => (await t.db.liveEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  supplierUserId = f.actors.supplier.userId;
  // A knight on a live task whose drop-off is the incident's staging point (32.05, 118.79).
  const knight = await createKnight(t.db, { lat: 32.1, lng: 118.9 });
  knightUserId = knight.userId;
  const knightNeed = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId);
  const now = Date.now();
  await t.db.assignment.create({ data: { needId: knightNeed, knightId: knight.id, unitIndex: null, status: "ACCEPTED", windowStart: new Date(now), windowEnd: new Date(now + 3_600_000) } });
  // A supplier's resource committed to a need staged at the same point (its base is elsewhere).
  const need = await createNeed(t.db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
  const resourceId = await createResource(t.db, f.orgs.enterprise, f.types.pump);
  await t.db.resource.update({ where: { id: resourceId }, data: { lat: 31.9, lng: 118.6 } });
  await t.db.assignment.create({ data: { needId: need, resourceId, unitIndex: 0, status: "MOBILIZED", windowStart: new Date(now), windowEnd: new Date(now + 3_600_000) } });
  // A need staged 5 km further east: only a widened zone covers it.
  farNeedId = await createNeed(t.db, f.incidentId, f.types.boat, f.actors.dispatcherA.userId);
  await t.db.need.update({ where: { id: farNeedId }, data: { stagingLat: 32.05, stagingLng: 118.843 } });
});
afterAll(async () => t.cleanup());

describe("hazard alerts", () => {
  it("a zone drawn over nothing live raises no alert and notifies nobody", async () => {
    const from = await since();
    await createHazardZone(t.db, f.actors.dispatcherA, { incidentId: f.incidentId, name: "空地", polygon: square(31.5, 119.5, 0.01), severity: "IV" });
    expect(await t.db.liveEvent.count({ where: { id: { gt: from }, kind: "hazard.alert" } })).toBe(0);
    expect(await t.db.notification.count({ where: { kind: "hazard.alert" } })).toBe(0);
  });

  it("a zone drawn over a live knight task, a staging point and a committed resource alerts the command centres and notifies those inside", async () => {
    const from = await since();
    const zone = await createHazardZone(t.db, f.actors.dispatcherA, { incidentId: f.incidentId, name: "燃气泄漏区", polygon: square(32.05, 118.79, 0.01), severity: "II" });
    const alerts = await t.db.liveEvent.findMany({ where: { id: { gt: from }, kind: "hazard.alert" }, select: { topic: true, data: true } });
    expect(alerts.map((a) => a.topic).sort()).toEqual(["command", "region:320000", "region:320100", "region:320102"]);
    expect(alerts[0]!.data).toMatchObject({ zoneId: zone.id, zoneName: "燃气泄漏区", knightTasks: 1, stagingPoints: 1, resources: 1, incidentId: f.incidentId });
    // Keys only: a random id among the values can spell "lat".
    expect(JSON.stringify(alerts).match(/"[^"]*":/g)!.filter((key) => /lat|lng/i.test(key))).toEqual([]);
    const notified = await t.db.notification.findMany({ where: { kind: "hazard.alert" }, select: { userId: true, payload: true } });
    expect(notified.map((n) => n.userId).sort()).toEqual([knightUserId, supplierUserId].sort());
    expect(notified[0]!.payload).toMatchObject({ zoneId: zone.id, zoneName: "燃气泄漏区" });

    const map = await loadCommandMap(t.db, f.actors.admin, "320100");
    expect(map.alerts[0]).toMatchObject({ zoneId: zone.id, knightTasks: 1, stagingPoints: 1, resources: 1 });
    expect(map.hazardZones.map((z) => z.id)).toContain(zone.id);
  });

  it("widening a zone alerts only what it newly covers", async () => {
    const zone = await createHazardZone(t.db, f.actors.dispatcherA, { incidentId: f.incidentId, name: "扩散区", polygon: square(32.05, 118.79, 0.012), severity: "II" });
    const before = await t.db.notification.count({ where: { kind: "hazard.alert" } });
    const from = await since();
    await updateHazardZone(t.db, f.actors.dispatcherA, { id: zone.id, polygon: square(32.05, 118.81, 0.04) });
    const alerts = await t.db.liveEvent.findMany({ where: { id: { gt: from }, kind: "hazard.alert", topic: "region:320102" }, select: { data: true } });
    expect(alerts).toHaveLength(1);
    // Only the far need's staging point is new; the knight task and the resource were inside already.
    expect(alerts[0]!.data).toMatchObject({ zoneId: zone.id, knightTasks: 0, stagingPoints: 1, resources: 0 });
    expect(await t.db.notification.count({ where: { kind: "hazard.alert" } })).toBe(before);
  });

  it("only the incident's dispatchers may widen its zone", async () => {
    const zone = await createHazardZone(t.db, f.actors.dispatcherA, { incidentId: f.incidentId, name: "小区", polygon: square(31.6, 119.6, 0.01), severity: "III" });
    await expect(updateHazardZone(t.db, f.actors.supplier, { id: zone.id, polygon: square(31.6, 119.6, 0.02) })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
