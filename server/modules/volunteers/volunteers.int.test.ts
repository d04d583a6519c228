import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import type { Actor } from "@/server/auth/actor-type";
import { createIncident } from "@/server/modules/incidents/create-incident";
import { incidentInput, needInput, seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";
import { createNeed } from "@/server/modules/needs/create-need";
import { indexAllDocuments } from "@/server/modules/search/index-all";
import { postgresEngine } from "@/server/modules/search/postgres-engine";

/** The work board and "offer to help": scoping, eligibility, the marked candidate and the dispatcher's side. */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedIncidentFixtures>>;
let otherSupplier: Actor;
const ids = { incident: "", need: "", draftNeed: "", draftIncidentNeed: "", near: "", far: "", weak: "", boat: "", foreign: "" };
const call = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });

async function failure(p: Promise<unknown>): Promise<{ code: string; fieldErrors: Record<string, string[]> | undefined }> {
  const e = (await p.then(() => null, (err: unknown) => err)) as { code?: string; cause?: { fieldErrors?: Record<string, string[]> } } | null;
  expect(e, "expected a refusal").not.toBeNull();
  return { code: e!.code ?? "?", fieldErrors: e!.cause?.fieldErrors };
}

beforeAll(async () => {
  t = await testDb();
  const db = t.db;
  f = await seedIncidentFixtures(db);
  ids.incident = (await createIncident(db, f.actors.memberA, { ...incidentInput })).id;
  ids.need = (await createNeed(db, f.actors.memberA, needInput(ids.incident, f.types.pump, { requiredCapabilities: { flow_m3h: 500 }, quantity: 3, notes: "后门钥匙在保安室 13800000000" }))).id;
  ids.draftNeed = (await createNeed(db, f.actors.memberA, needInput(ids.incident, f.types.pump, { title: "草稿泵", status: "DRAFT" }))).id;
  const draftIncident = (await createIncident(db, f.actors.memberA, { ...incidentInput, title: "草稿事件", status: "DRAFT" })).id;
  ids.draftIncidentNeed = (await createNeed(db, f.actors.memberA, needInput(draftIncident, f.types.pump, { title: "草稿事件的泵" }))).id;
  const other = await db.organization.create({
    data: { name: "另一家设备公司", kind: "ENTERPRISE", regionCode: "320102", contactName: "x", contactPhone: "1", address: "x", verification: "VERIFIED" },
    select: { id: true },
  });
  const user = await db.user.create({ data: { email: "o@other.test", name: "吴他", kind: "SUPPLIER" }, select: { id: true } });
  await db.membership.create({ data: { userId: user.id, orgId: other.id, role: "OWNER" } });
  otherSupplier = { via: "session", userId: user.id, roles: ["SUPPLIER"], memberships: [{ orgId: other.id, orgRole: "OWNER", orgKind: "ENTERPRISE", verification: "VERIFIED" }] };
  const listing = async (title: string, typeId: string, lat: number, caps: Record<string, number>, ownerOrgId = f.orgs.enterprise, maxTravelKm = 200) =>
    (
      await db.resource.create({
        data: {
          typeId, ownerOrgId, title, capabilities: caps, unit: "unit", lat, lng: 118.79, address: "x", regionCode: "320102",
          travelRange: "CITY", maxTravelKm, mobilizationMinutes: 10, status: "AVAILABLE",
        },
        select: { id: true },
      })
    ).id;
  ids.near = await listing("近处泵 600", f.types.pump, 32.1, { flow_m3h: 600 });
  ids.weak = await listing("小泵 300", f.types.pump, 32.06, { flow_m3h: 300 }); // below the need's minimum
  ids.boat = await listing("冲锋舟 A", f.types.boat, 32.06, { seats: 12 }); // another type
  // 21 ranked candidates nearer than `far`, so `far` ranks below a limit of 20 unless volunteered
  for (let i = 0; i < 21; i++) await listing(`其他泵 ${i}`, f.types.pump, 32.05 + i * 0.001, { flow_m3h: 900 }, other.id);
  ids.far = await listing("远处泵 800", f.types.pump, 32.6, { flow_m3h: 800 });
  ids.foreign = await listing("他家泵", f.types.pump, 32.07, { flow_m3h: 900 }, other.id);
  await indexAllDocuments(db, [postgresEngine(db)]);
});
afterAll(async () => {
  await t.cleanup();
});

describe("work board", () => {
  it("lists open needs the supplier's listings could serve, with the nearest listing's distance and nothing private", async () => {
    const board = await call(f.actors.supplier).volunteer.board({});
    expect(board.needs.map((n) => n.id)).toEqual([ids.need]);
    const need = board.needs[0]!;
    expect(need).toMatchObject({ quantity: 3, quantityOpen: 3, typeCode: "EQ-PUMP-1", regionCode: "320102", requiredCapabilities: { flow_m3h: 500 } });
    expect(need.listings.map((l) => l.title)).toEqual(["小泵 300", "近处泵 600", "远处泵 800"]); // type + range only; eligibility is checked on offer
    expect(need.distanceKm).toBeCloseTo(1.1, 0);
    expect(JSON.stringify(board)).not.toMatch(/13800000000|后门|stagingAddress|notes|contact/);
  });

  it("hides draft needs and needs of draft incidents, and filters by type, region, distance and text", async () => {
    const all = await call(f.actors.supplier).volunteer.board({});
    expect(all.needs.map((n) => n.id)).not.toContain(ids.draftNeed);
    expect(all.needs.map((n) => n.id)).not.toContain(ids.draftIncidentNeed);
    expect((await call(f.actors.supplier).volunteer.board({ typeCode: "EQ-BOAT-1" })).needs).toEqual([]);
    expect((await call(f.actors.supplier).volunteer.board({ region: "320100" })).needs).toHaveLength(1);
    expect((await call(f.actors.supplier).volunteer.board({ region: "320200" })).needs).toEqual([]);
    expect((await call(f.actors.supplier).volunteer.board({ maxDistanceKm: 1 })).needs).toEqual([]);
    expect((await call(f.actors.supplier).volunteer.board({ q: "排水" })).needs).toHaveLength(1);
    expect((await call(f.actors.supplier).volunteer.board({ q: "冲锋舟" })).needs).toEqual([]);
  });

  it("is for suppliers: requesters are refused", async () => {
    expect((await failure(call(f.actors.memberA).volunteer.board({}))).code).toBe("FORBIDDEN");
  });
});

describe("offer to help", () => {
  it("refuses an ineligible listing with a field error, and another organisation's listing or a hidden need as not found", async () => {
    const weak = await failure(call(f.actors.supplier).volunteer.offer({ needId: ids.need, resourceId: ids.weak }));
    expect(weak).toEqual({ code: "BAD_REQUEST", fieldErrors: { resourceId: ["errors.resourceIneligible"] } });
    const boat = await failure(call(f.actors.supplier).volunteer.offer({ needId: ids.need, resourceId: ids.boat }));
    expect(boat.fieldErrors).toEqual({ resourceId: ["errors.resourceIneligible"] });
    const foreign = await failure(call(f.actors.supplier).volunteer.offer({ needId: ids.need, resourceId: ids.foreign }));
    expect(foreign).toEqual({ code: "NOT_FOUND", fieldErrors: { resourceId: ["errors.notYourListing"] } });
    const hidden = await failure(call(f.actors.supplier).volunteer.offer({ needId: ids.draftNeed, resourceId: ids.near }));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(await t.db.volunteer.count()).toBe(0);
  });

  it("puts the listing among the need's candidates, marked, notifies the dispatchers, and can be withdrawn", async () => {
    const v = await call(f.actors.supplier).volunteer.offer({ needId: ids.need, resourceId: ids.far });
    const again = await failure(call(f.actors.supplier).volunteer.offer({ needId: ids.need, resourceId: ids.far }));
    expect(again).toEqual({ code: "CONFLICT", fieldErrors: { resourceId: ["errors.alreadyVolunteered"] } });

    const res = await call(f.actors.memberA).match.candidates({ id: ids.need, limit: 20 });
    const far = res.candidates.find((c) => c.resourceId === ids.far);
    expect(far?.volunteered).toEqual({ volunteerId: v.id, at: v.createdAt });
    expect(res.candidates.filter((c) => c.volunteered !== null)).toHaveLength(1);
    expect(res.candidates).toHaveLength(21); // the 20 ranked ones and the volunteered one below the cut

    const notes = await t.db.notification.findMany({ where: { kind: "need.volunteered" }, select: { userId: true, payload: true } });
    expect(notes.map((n) => n.userId)).toEqual([f.actors.dispatcherA.userId]); // dispatchers, not plain members
    expect(notes[0]!.payload).toMatchObject({ needId: ids.need, incidentId: ids.incident, resourceTitle: "远处泵 800", supplierName: "苏安应急装备有限公司" });

    const events = await t.db.liveEvent.findMany({ where: { kind: "volunteer.updated" }, select: { topic: true, data: true } });
    expect(events).toEqual([{ topic: `incident:${ids.incident}`, data: { volunteerId: v.id, needId: ids.need, status: "OFFERED" } }]);

    const board = await call(f.actors.supplier).volunteer.board({});
    expect(board.needs[0]!.volunteered).toEqual([{ id: v.id, resourceId: ids.far }]);
    expect((await call(otherSupplier).volunteer.board({})).needs[0]!.volunteered).toEqual([]);

    expect((await failure(call(otherSupplier).volunteer.withdraw({ id: v.id }))).code).toBe("NOT_FOUND");
    await call(f.actors.supplier).volunteer.withdraw({ id: v.id });
    const after = await call(f.actors.memberA).match.candidates({ id: ids.need, limit: 20 });
    expect(after.candidates.some((c) => c.resourceId === ids.far)).toBe(false);
  });

  it("the dispatcher sees the offer re-checked and can propose it; it is offered only through the normal path", async () => {
    const v = await call(f.actors.supplier).volunteer.offer({ needId: ids.need, resourceId: ids.near });
    expect((await failure(call(f.actors.memberA).volunteer.forIncident({ incidentId: ids.incident }))).code).toBe("FORBIDDEN");
    expect((await failure(call(f.actors.memberB).volunteer.forIncident({ incidentId: ids.incident }))).code).toBe("NOT_FOUND");
    const list = await call(f.actors.dispatcherA).volunteer.forIncident({ incidentId: ids.incident });
    expect(list).toEqual([expect.objectContaining({ id: v.id, needId: ids.need, resourceId: ids.near, eligible: true, inUse: false, supplierName: "苏安应急装备有限公司" })]);
    const proposed = await call(f.actors.dispatcherA).volunteer.propose({ id: v.id });
    expect(proposed).toMatchObject({ needId: ids.need, resourceId: ids.near });
    const row = await t.db.assignment.findUniqueOrThrow({ where: { id: proposed.id }, select: { status: true } });
    expect(row.status).toBe("PROPOSED");
    expect((await call(f.actors.dispatcherA).volunteer.forIncident({ incidentId: ids.incident }))[0]!.inUse).toBe(true);
    // the unit is now proposed for this window: a second proposal of the same volunteer finds no free unit
    expect((await failure(call(f.actors.dispatcherA).volunteer.propose({ id: v.id }))).fieldErrors).toEqual({ resourceId: ["errors.resourceNoFreeUnit"] });
  });
});
