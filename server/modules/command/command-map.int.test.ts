import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { createNeed, createResource, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { createKnight } from "@/server/modules/dispatch/test-fixtures";
import { publicCellOf } from "@/server/modules/knights/public-cell";
import { loadCommandMap } from "@/server/modules/command/command-map";
import { AVAILABILITY_TTL_MS, loadAvailabilityCached } from "@/server/modules/command/command-map-layers";
import { canSubscribe } from "@/server/modules/live/can-subscribe";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
let nanjingGov: Actor;
let wuxiGov: Actor;
let needId: string;
let resourceId: string;
// Exact knight positions with distinctive decimals, so a leak into the DTO would be found by text search.
const LONE = [{ lat: 32.051234, lng: 118.801234 }, { lat: 32.051299, lng: 118.801299 }];
const CROWD = [{ lat: 32.062345, lng: 118.822345 }, { lat: 32.062388, lng: 118.822388 }, { lat: 32.062311, lng: 118.822311 }, { lat: 32.062399, lng: 118.822399 }];

async function govActor(regionCode: string, name: string): Promise<Actor> {
  const org = await t.db.organization.create({
    data: { name, kind: "GOVERNMENT", verification: "VERIFIED", regionCode, contactName: "值班", contactPhone: "025-1", address: name },
    select: { id: true },
  });
  const user = await t.db.user.create({ data: { email: `${regionCode}-map@gov.test`, name, kind: "REQUESTER" }, select: { id: true } });
  await t.db.membership.create({ data: { userId: user.id, orgId: org.id, role: "DISPATCHER" } });
  return { via: "session", userId: user.id, roles: ["REQUESTER"], memberships: [{ orgId: org.id, orgRole: "DISPATCHER", orgKind: "GOVERNMENT", verification: "VERIFIED" }] };
}

async function onDutyKnight(at: { lat: number; lng: number }) {
  const k = await createKnight(t.db, at);
  await t.db.knightProfile.update({ where: { id: k.id }, data: { publicCell: publicCellOf(at.lat, at.lng) } });
  return k;
}

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  nanjingGov = await govActor("320100", "南京市应急管理局");
  wuxiGov = await govActor("320200", "无锡市应急管理局（地图）");
  await t.db.incident.update({
    where: { id: f.incidentId },
    data: { area: { type: "Polygon", coordinates: [[[118.78, 32.04], [118.8, 32.04], [118.8, 32.06], [118.78, 32.04]]] } },
  });
  needId = await createNeed(t.db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId, 4);
  resourceId = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "移动泵车");
  const start = Date.now();
  await t.db.assignment.create({
    data: { needId, resourceId, unitIndex: 0, status: "EN_ROUTE", quantity: 1, windowStart: new Date(start), windowEnd: new Date(start + 3_600_000) },
  });
  await t.db.need.update({ where: { id: needId }, data: { qtyEnRoute: 1 } });
  for (let i = 0; i < 3; i++) await createResource(t.db, f.orgs.enterprise, f.types.boat, 1, `冲锋舟${i}`);
  for (const p of [...LONE, ...CROWD]) await onDutyKnight(p);
  await createKnight(t.db, { lat: 32.07, lng: 118.81 }, { onDuty: false });
});
afterAll(async () => t.cleanup());

describe("loadCommandMap", () => {
  it("shows the district's incidents, needs by fill, movements and availability", async () => {
    const map = await loadCommandMap(t.db, f.actors.admin, "320102");
    expect(map.region.code).toBe("320102");
    expect(map.incidents.map((i) => i.id)).toEqual([f.incidentId]);
    expect(map.incidents[0]!.area?.type).toBe("Polygon");
    const need = map.needs.find((n) => n.id === needId)!;
    expect(need).toMatchObject({ quantity: 4, filled: 1, band: "PARTIAL" });
    expect(map.stagingPoints.find((s) => s.needIds.includes(needId))).toMatchObject({ lat: 32.05, lng: 118.79 });
    expect(map.movements).toHaveLength(1);
    expect(map.movements[0]).toMatchObject({ needId, resourceId, phase: "EN_ROUTE", orgId: f.orgs.enterprise, from: { lat: 32.06, lng: 118.8 }, to: { lat: 32.05, lng: 118.79 } });
    // 1 pump (committed but still listed) + 3 boats, all in one district cell, counted by category.
    const total = map.available.reduce((s, c) => s + c.total, 0);
    expect(total).toBe(4);
    expect(map.available.flatMap((c) => Object.entries(c.byCategory)).reduce((s, [, n]) => s + (n ?? 0), 0)).toBe(4);
  });

  it("never carries a knight's position and shows counts below 3 as \"<3\" (per public cell in a district)", async () => {
    const map = await loadCommandMap(t.db, f.actors.admin, "320102");
    const text = JSON.stringify(map);
    for (const p of [...LONE, ...CROWD]) {
      expect(text).not.toContain(String(p.lat));
      expect(text).not.toContain(String(p.lng));
    }
    expect(text).not.toMatch(/lastLat|lastLng|last_lat|publicCell/);
    const displays = map.knights.map((k) => k.display).sort();
    expect(displays).toEqual(["4", "<3"]);
    const small = map.knights.find((k) => k.display === "<3")!;
    expect(small.count).toBeNull();
    // The "<3" area is drawn at its public cell centre, not at either knight.
    expect(small.lat).not.toBe(LONE[0]!.lat);
  });

  it("counts per district for the city, and the same rule holds", async () => {
    const map = await loadCommandMap(t.db, nanjingGov, "320100");
    expect(map.children.map((c) => c.code)).toContain("320102");
    expect(map.knights).toEqual([expect.objectContaining({ regionCode: "320102", count: 6, display: "6" })]);
    expect(map.incidents.map((i) => i.id)).toContain(f.incidentId);
  });

  it("is FORBIDDEN to a supplier, a knight and another region's government", async () => {
    const knight = await createKnight(t.db, { lat: 32.0, lng: 118.7 });
    for (const actor of [f.actors.supplier, knight.actor, wuxiGov]) {
      await expect(loadCommandMap(t.db, actor, "320102")).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const wuxi = await loadCommandMap(t.db, wuxiGov, "320200");
    expect(wuxi.incidents).toEqual([]);
  });
});

describe("availability aggregate", () => {
  it("is shared for a city within the TTL and aggregated afresh after it; a district's is always fresh", async () => {
    const codes = ["320100", "320102"];
    const total = (cells: { total: number }[]) => cells.reduce((s, c) => s + c.total, 0);
    const t0 = Date.now() + 1_000_000; // a key of its own, unaffected by earlier calls
    const first = total(await loadAvailabilityCached(t.db, "CITY", codes, 0.02, t0));
    await createResource(t.db, f.orgs.enterprise, f.types.boat, 1, "新增冲锋舟");
    expect(total(await loadAvailabilityCached(t.db, "CITY", codes, 0.02, t0 + 1000))).toBe(first);
    expect(total(await loadAvailabilityCached(t.db, "CITY", codes, 0.02, t0 + AVAILABILITY_TTL_MS + 1))).toBe(first + 1);
    expect(total(await loadAvailabilityCached(t.db, "DISTRICT", ["320102"], 0.005, t0))).toBe(first + 1);
  });
});

describe("trigger-kept availability cells", () => {
  // The summary at both grids must equal a fresh aggregation of the listings, whatever happened to them.
  async function drift(): Promise<unknown[]> {
    return t.db.$queryRaw`
      WITH direct AS (
        SELECT g.mdeg, r.region_code, floor(r.lat / g.deg)::int AS gy, floor(r.lng / g.deg)::int AS gx, t.category, count(*)::int AS n,
               round(sum(r.lat)::numeric, 6) AS slat, round(sum(r.lng)::numeric, 6) AS slng
          FROM resource r JOIN resource_type t ON t.id = r.type_id CROSS JOIN (VALUES (100, 0.1::float8), (20, 0.02::float8), (5, 0.005::float8)) g(mdeg, deg)
         WHERE r.status = 'AVAILABLE' GROUP BY 1, 2, 3, 4, 5
      ), kept AS (
        SELECT cell_mdeg AS mdeg, region_code, gy, gx, category, n, round(sum_lat::numeric, 6) AS slat, round(sum_lng::numeric, 6) AS slng
          FROM resource_availability_cell WHERE n <> 0
      )
      (SELECT 'missing' AS d, * FROM direct EXCEPT SELECT 'missing', * FROM kept)
      UNION ALL
      (SELECT 'extra', * FROM kept EXCEPT SELECT 'extra', * FROM direct)`;
  }

  it("equal a direct aggregation after inserts, status changes, moves, edits, bulk updates and deletes", async () => {
    expect(await drift()).toEqual([]);
    const cells = () => t.db.resourceAvailabilityCell.aggregate({ _sum: { n: true }, where: { cellMdeg: 100 } }).then((x) => x._sum.n ?? 0);
    const before = await cells();
    const a = await createResource(t.db, f.orgs.enterprise, f.types.boat, 1, "冲锋舟 A");
    const b = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "排水泵 B");
    const c = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "排水泵 C");
    expect(await cells()).toBe(before + 3);
    await t.db.resource.update({ where: { id: a }, data: { status: "OUT_OF_SERVICE" } });
    await t.db.resource.update({ where: { id: b }, data: { lat: 31.49, lng: 120.31, regionCode: "320200" } }); // to Wuxi: another cell and region
    await t.db.resource.update({ where: { id: c }, data: { title: "只改标题" } });
    expect(await cells()).toBe(before + 2);
    expect(await drift()).toEqual([]);
    await t.db.resource.updateMany({ where: { id: { in: [a, b, c] } }, data: { status: "AVAILABLE", lat: 32.0612 } });
    expect(await drift()).toEqual([]);
    await t.db.resource.delete({ where: { id: c } });
    expect(await cells()).toBe(before + 2);
    expect(await drift()).toEqual([]);
    // A city map reads them: the pump moved to Wuxi is counted there.
    const wuxi = await loadAvailabilityCached(t.db, "CITY", ["320200"], 0.02, Date.now() + 5_000_000);
    expect(wuxi.reduce((s, x) => s + (x.byCategory.EQUIPMENT ?? 0), 0)).toBeGreaterThanOrEqual(1);
  });
});

describe("region live topic", () => {
  it("may be followed by the region's viewers only", async () => {
    expect(await canSubscribe(t.db, f.actors.admin, liveTopics.region("320000"))).toBe(true);
    expect(await canSubscribe(t.db, nanjingGov, liveTopics.region("320102"))).toBe(true);
    expect(await canSubscribe(t.db, nanjingGov, liveTopics.region("320000"))).toBe(false);
    expect(await canSubscribe(t.db, wuxiGov, liveTopics.region("320102"))).toBe(false);
    expect(await canSubscribe(t.db, f.actors.supplier, liveTopics.region("320102"))).toBe(false);
  });

  it("gets an event on the incident's region and every region above it when a need is posted or an incident feed moves", async () => {
    const since = (await t.db.liveEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    await createNeed(t.db, f.incidentId, f.types.boat, f.actors.dispatcherA.userId, 2);
    const afterNeed = await t.db.liveEvent.findMany({ where: { id: { gt: since }, kind: "command.changed" }, select: { topic: true, data: true } });
    expect(afterNeed.map((e) => e.topic).sort()).toEqual(["region:320000", "region:320100", "region:320102"]);
    expect(afterNeed[0]!.data).toMatchObject({ incidentId: f.incidentId, source: "need.changed" });

    const mid = (await t.db.liveEvent.aggregate({ _max: { id: true } }))._max.id!;
    await publishLive(t.db, [{ topic: liveTopics.incident(f.incidentId), kind: "resourceOffer.updated", data: { assignmentId: "a", status: "ACCEPTED" } }]);
    const mirrored = await t.db.liveEvent.findMany({ where: { id: { gt: mid }, topic: { startsWith: "region:" } }, select: { topic: true, data: true } });
    expect(mirrored.map((e) => e.topic).sort()).toEqual(["region:320000", "region:320100", "region:320102"]);
    expect(mirrored[0]!.data).toEqual({ incidentId: f.incidentId, source: "resourceOffer.updated" });
  });
});
