import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { createKnight, createKnightNeed, northOf, offeredByWave, seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
});
afterAll(async () => t.cleanup());

/** A square ring of half-size `d` degrees around a point, [lng, lat], closed. */
function square(c: { lat: number; lng: number }, d: number) {
  return [[c.lng - d, c.lat - d], [c.lng + d, c.lat - d], [c.lng + d, c.lat + d], [c.lng - d, c.lat + d], [c.lng - d, c.lat - d]] as [number, number][];
}

describe("hazard zones", () => {
  it("validate polygons and who may draw them", async () => {
    const c = { lat: 31.5, lng: 119.0 };
    const base = { incidentId: f.incidentId, name: "化工泄漏区", severity: "II" as const, requiredTraining: "HAZMAT_AWARENESS" };
    const open = square(c, 0.01).slice(0, 4);
    await expect(caller(f.actors.dispatcherA).dispatch.hazard.create({ ...base, polygon: { type: "Polygon", coordinates: [open] } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const outside = square({ lat: 10, lng: 60 }, 0.01);
    await expect(caller(f.actors.dispatcherA).dispatch.hazard.create({ ...base, polygon: { type: "Polygon", coordinates: [outside] } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const line = [[119, 31.5], [119.01, 31.5], [119, 31.5], [119, 31.5]] as [number, number][];
    await expect(caller(f.actors.dispatcherA).dispatch.hazard.create({ ...base, polygon: { type: "Polygon", coordinates: [line] } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const ok = { ...base, polygon: { type: "Polygon" as const, coordinates: [square(c, 0.01)] } };
    await expect(caller(f.actors.memberB).dispatch.hazard.create(ok)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(f.actors.supplier).dispatch.hazard.create(ok)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(f.actors.dispatcherA).dispatch.hazard.create({ ...ok, incidentId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const z = await caller(f.actors.dispatcherA).dispatch.hazard.create(ok);
    expect(z.bbox).toEqual({ minLat: 31.49, minLng: 118.99, maxLat: 31.51, maxLng: 119.01 });
    const global = await caller(f.actors.admin).dispatch.hazard.create({ ...ok, incidentId: null, name: "全局禁区" });
    const listed = await caller(f.actors.memberA).dispatch.hazard.list({ incidentId: f.incidentId });
    expect(listed.map((l) => l.id).sort()).toEqual([z.id, global.id].sort());
    expect(await t.db.auditEvent.count({ where: { action: "hazardZone.create", entityId: z.id } })).toBe(1);
    await caller(f.actors.admin).dispatch.hazard.deactivate({ id: global.id });
    await caller(f.actors.dispatcherA).dispatch.hazard.deactivate({ id: z.id });
    expect(await caller(f.actors.memberA).dispatch.hazard.list({ incidentId: f.incidentId })).toEqual([]);
    expect((await caller(f.actors.memberA).dispatch.hazard.list({ incidentId: f.incidentId, includeInactive: true })).length).toBe(2);
  });

  it("knights inside a zone are not offered the task unless trained; a route ending inside excludes the untrained; inactive zones do not count", async () => {
    const at = { lat: 33.2, lng: 120.0 };
    const zoneCentre = northOf(1.0, at);
    const validLong = new Date(Date.now() + 30 * 86_400_000);
    const insideUntrained = await createKnight(t.db, northOf(1.0, at));
    const insideTrained = await createKnight(t.db, northOf(1.05, at), { trainings: [{ code: "HAZMAT_AWARENESS", validUntil: validLong }] });
    const insideOtherTraining = await createKnight(t.db, northOf(0.95, at), { trainings: [{ code: "FIRST_AID" }] });
    const outside = await createKnight(t.db, northOf(2.5, at));
    const zone = await caller(f.actors.dispatcherA).dispatch.hazard.create({
      incidentId: f.incidentId, name: "燃气泄漏", severity: "I", requiredTraining: "HAZMAT_AWARENESS", polygon: { type: "Polygon", coordinates: [square(zoneCentre, 0.003)] },
    });

    const need = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 3 });
    await startDispatch(t.db, f.actors.dispatcherA, need);
    expect(await offeredByWave(t.db, need)).toEqual({ 1: [insideTrained.id, outside.id].sort() });

    // Drop-off inside the zone: the knight outside is untrained → excluded; the trained one is offered.
    const into = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: zoneCentre.lat, stagingLng: zoneCentre.lng, quantity: 3 });
    await startDispatch(t.db, f.actors.dispatcherA, into);
    expect(await offeredByWave(t.db, into)).toEqual({ 1: [insideTrained.id] });

    // Pickup inside the zone counts as the route too.
    const fromZone = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, {
      stagingLat: at.lat, stagingLng: at.lng, quantity: 3, taskKind: "DELIVERY", pickupLat: zoneCentre.lat, pickupLng: zoneCentre.lng, pickupAddress: "泄漏点仓库",
    });
    await startDispatch(t.db, f.actors.dispatcherA, fromZone);
    expect(await offeredByWave(t.db, fromZone)).toEqual({ 1: [insideTrained.id] });

    await caller(f.actors.dispatcherA).dispatch.hazard.deactivate({ id: zone.id });
    const after = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 5 });
    await startDispatch(t.db, f.actors.dispatcherA, after);
    expect(await offeredByWave(t.db, after)).toEqual({ 1: [insideUntrained.id, insideTrained.id, insideOtherTraining.id, outside.id].sort() });
  });
});
