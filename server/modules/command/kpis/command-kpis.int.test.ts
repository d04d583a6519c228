import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { computeCommandKpis, loadCommandKpis } from "@/server/modules/command/kpis/load-command-kpis";
import { createKnight, seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";
import { createResource } from "@/server/modules/offers/test-fixtures";
import type { TCommandKpis } from "@/lib/schemas/command-kpis";

/**
 * The KPI SQL against figures computed by hand on a fixed scenario (times relative to T0, outside "now"):
 * Xuanwu (320102) holds incident A with needs N1–N6, Nanjing city (320100) incident B with one need N7 and
 * no offers at all, Wuxi (320200) nothing. See each expectation for the arithmetic.
 */
const T0 = new Date("2026-11-01T00:00:00.000Z");
const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const RANGE = { from: T0, to: at(24 * 60) };

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
let n1 = "", n2 = "", n3 = "", n7 = "";

type NeedPatch = Partial<Prisma.NeedUncheckedCreateInput>;
async function need(incidentId: string, patch: NeedPatch): Promise<string> {
  const n = await t.db.need.create({
    data: {
      incidentId, typeId: f.types.pump, category: "EQUIPMENT", title: "排水泵", quantity: 1, unit: "unit", stagingLat: 32.05, stagingLng: 118.79,
      stagingAddress: "南京", neededBy: at(600), durationMinutes: 240, maxDistanceKm: 100, status: "OPEN", createdById: f.actors.dispatcherA.userId,
      ...patch,
    },
    select: { id: true },
  });
  return n.id;
}

let unit = 0;
async function assignment(needId: string, patch: Partial<Prisma.AssignmentUncheckedCreateInput>): Promise<void> {
  const resourceId = await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, `泵 ${++unit}`);
  await t.db.assignment.create({ data: { needId, resourceId, windowStart: at(0), windowEnd: at(600), status: "OFFERED", ...patch }, select: { id: true } });
}

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
  await t.db.region.create({ data: { code: "320104", nameZh: "秦淮区", nameEn: "Qinhuai", level: "DISTRICT", parentCode: "320100", lat: 32.03, lng: 118.79 } });
  const incidentA = f.incidentId; // Xuanwu
  const incidentB = (
    await t.db.incident.create({
      data: { orgId: f.orgs.govA, createdById: f.actors.dispatcherA.userId, title: "南京市暴雨", kind: "FLOOD", severity: "II", status: "ACTIVE", lat: 32.06, lng: 118.8, address: "南京市", regionCode: "320100" },
      select: { id: true },
    })
  ).id;

  // N1 LIFE_SAFETY ×4 posted T0: one unit en route, one on scene, one released (filled 3).
  n1 = await need(incidentA, { priority: "LIFE_SAFETY", quantity: 4, status: "PARTIALLY_FILLED", createdAt: at(0), qtyEnRoute: 1, qtyOnScene: 1, qtyReleased: 1 });
  await assignment(n1, { status: "RELEASED", offeredAt: at(10), acceptedAt: at(20), enRouteAt: at(30), onSceneAt: at(50), completedAt: at(160), releasedAt: at(170) });
  await assignment(n1, { status: "ON_SCENE", offeredAt: at(10), acceptedAt: at(40), enRouteAt: at(60), onSceneAt: at(90) });
  await assignment(n1, { status: "EN_ROUTE", offeredAt: at(15), acceptedAt: at(25), enRouteAt: at(45) });
  await assignment(n1, { status: "DECLINED", offeredAt: at(12), respondedAt: at(14), declineReason: "车辆检修中" });
  await assignment(n1, { status: "EXPIRED", offeredAt: at(12) });
  await assignment(n1, { status: "DECLINED", offeredAt: at(13), respondedAt: at(16), declineReason: " 车辆检修中 " });
  await assignment(n1, { status: "OFFERED", offeredAt: at(14) });

  // N2 URGENT knight need ×10, created T0+60, approved (posted) T0+120; a knight offer at +125, accepted at +128.
  n2 = await need(incidentA, {
    typeId: null, category: "KNIGHT", title: "送药", quantity: 10, status: "PARTIALLY_FILLED", createdAt: at(60), approvedAt: at(120), qtyCommitted: 1, taskKind: "DELIVERY",
  });
  const knight = await createKnight(t.db, { lat: 32.05, lng: 118.79 });
  await t.db.offer.create({ data: { needId: n2, knightId: knight.id, distanceBand: "0-1km", status: "ACCEPTED", sentAt: at(125), expiresAt: at(130), respondedAt: at(128) } });
  await t.db.assignment.create({ data: { needId: n2, knightId: knight.id, windowStart: at(128), windowEnd: at(300), status: "ACCEPTED", acceptedAt: at(128) } });

  // N3 ROUTINE sandbags ×5 posted T0+180, closed unmet (no supplier in range).
  n3 = await need(incidentA, { typeId: f.types.sandbag, category: "MATERIAL", title: "沙袋", priority: "ROUTINE", quantity: 5, status: "CLOSED", unmetReason: "NO_SUPPLIER_IN_RANGE", createdAt: at(180) });
  // N4 a draft, N5 posted two days before the range: neither counts.
  await need(incidentA, { status: "DRAFT", quantity: 7, createdAt: at(30) });
  await need(incidentA, { priority: "LIFE_SAFETY", quantity: 9, createdAt: at(-2 * 24 * 60) });
  // N6 URGENT pumps ×3 posted T0+240, cancelled by the requester.
  await need(incidentA, { quantity: 3, status: "CANCELLED", unmetReason: "CANCELLED_BY_REQUESTER", createdAt: at(240) });
  // N7 (incident B, Nanjing city) URGENT boats ×2 posted T0+300: never offered.
  n7 = await need(incidentB, { typeId: f.types.boat, title: "冲锋舟", quantity: 2, createdAt: at(300) });

  // Duty: three Xuanwu knights on duty all day, a fourth off at T0+180; one Qinhuai knight (shown as "<3").
  const rider = async (district: string, since: Date) => {
    const u = await t.db.user.create({ data: { email: `duty-${Math.random().toString(36).slice(2)}@k.test`, name: "骑手", kind: "KNIGHT" }, select: { id: true } });
    return (await t.db.knightProfile.create({ data: { userId: u.id, vehicle: "EBIKE", payloadKg: 20, homeDistrictCode: district, onDuty: true, onDutySince: since }, select: { id: true } })).id;
  };
  for (let i = 0; i < 3; i++) await rider("320102", at(-60));
  const leaves = await rider("320102", at(-60));
  await rider("320104", at(-60));
  await t.db.knightProfile.update({ where: { id: leaves }, data: { onDuty: false, onDutySince: null, offDutyAt: at(180) } });
}, 120_000);

afterAll(async () => t?.cleanup());

const kpis = (regionCode: string): Promise<TCommandKpis> => computeCommandKpis(t.db, { regionCode, ...RANGE });

describe("command KPIs on a fixed scenario", () => {
  it("open needs and fill rate by priority (Nanjing includes Xuanwu; drafts, cancelled quantities and older needs left out)", async () => {
    const k = await kpis("320100");
    expect(k.openNeeds).toEqual([
      { priority: "LIFE_SAFETY", posted: 1, open: 1, quantity: 4, filled: 3, fillRate: 0.75 },
      // N2, N6 (cancelled: posted, not in the rate), N7.
      { priority: "URGENT", posted: 3, open: 2, quantity: 12, filled: 1, fillRate: 1 / 12 },
      { priority: "ROUTINE", posted: 1, open: 0, quantity: 5, filled: 0, fillRate: 0 },
    ]);
    const xuanwu = await kpis("320102");
    expect(xuanwu.openNeeds[1]).toEqual({ priority: "URGENT", posted: 2, open: 1, quantity: 10, filled: 1, fillRate: 0.1 });
  });

  it("fill funnel: cumulative stages per need and in total", async () => {
    const k = await kpis("320100");
    expect(k.funnel.total).toMatchObject({ needId: null, needed: 21, committed: 4, enRoute: 3, onScene: 2, released: 1 });
    expect(k.funnel.needs.map((n) => n.needId)).toEqual([n1, n7, n2, n3]);
    expect(k.funnel.needs[0]).toMatchObject({ title: "排水泵", priority: "LIFE_SAFETY", needed: 4, committed: 3, enRoute: 3, onScene: 2, released: 1 });
    expect(k.funnel.truncated).toBe(false);
  });

  it("response-time segments: median and p90 (percentile_cont) in seconds; the need with no offers adds nothing", async () => {
    const k = await kpis("320100");
    expect(k.responseTimes).toEqual([
      // N1: posted 0 → offer 10 min; N2: posted 120 → knight offer 125.
      { segment: "POSTED_TO_FIRST_OFFER", n: 2, medianSeconds: 450, p90Seconds: 570 },
      // N1: 10 → 20 min; N2: 125 → 128.
      { segment: "FIRST_OFFER_TO_COMMITTED", n: 2, medianSeconds: 390, p90Seconds: 558 },
      { segment: "TURNOUT", n: 3, medianSeconds: 1200, p90Seconds: 1200 },
      { segment: "TRAVEL", n: 2, medianSeconds: 1500, p90Seconds: 1740 },
      { segment: "ON_SCENE", n: 1, medianSeconds: 7200, p90Seconds: 7200 },
    ]);
    const b = await computeCommandKpis(t.db, { regionCode: "320100", from: at(299), to: at(301) }); // only N7
    expect(b.openNeeds[1]).toMatchObject({ posted: 1, open: 1, quantity: 2, filled: 0 });
    expect(b.responseTimes.every((s) => s.n === 0 && s.medianSeconds === null && s.p90Seconds === null)).toBe(true);
  });

  it("unmet demand by type and reason, most units short first", async () => {
    const k = await kpis("320100");
    expect(k.unmetDemand).toEqual([
      { typeCode: "MT-SANDBAG", typeNameZh: "防汛沙袋", typeNameEn: "MT-SANDBAG", reason: "NO_SUPPLIER_IN_RANGE", needs: 1, unitsShort: 5 },
      { typeCode: "EQ-PUMP-1", typeNameZh: "大流量排水泵", typeNameEn: "EQ-PUMP-1", reason: "CANCELLED_BY_REQUESTER", needs: 1, unitsShort: 3 },
    ]);
  });

  it("supplier acceptance and decline rates and reasons (resource offers only)", async () => {
    const k = await kpis("320100");
    expect(k.supplierResponses).toEqual({
      offered: 7, accepted: 3, declined: 2, expired: 1, unanswered: 1, acceptanceRate: 0.5, declineRate: 2 / 6,
      reasons: [{ reason: "车辆检修中", count: 2 }],
    });
  });

  it("knights on duty by district at 12 instants 2 hours apart; 1–2 knights shown as null (<3)", async () => {
    const k = await kpis("320100");
    expect(k.knightsOnDuty.bucketSeconds).toBe(7200);
    const xuanwu = k.knightsOnDuty.points.filter((p) => p.districtCode === "320102");
    // The fourth knight went off at T0+180 min: on duty at T0+120, not at T0+240.
    expect(xuanwu.map((p) => p.count)).toEqual([4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(xuanwu.map((p) => p.at)).toEqual(Array.from({ length: 12 }, (_, i) => at((i + 1) * 120)));
    const qinhuai = k.knightsOnDuty.points.filter((p) => p.districtCode === "320104");
    expect(qinhuai).toHaveLength(12);
    expect(qinhuai.every((p) => p.count === null && p.districtNameEn === "Qinhuai")).toBe(true);
    expect((await kpis("320102")).knightsOnDuty.points.some((p) => p.districtCode === "320104")).toBe(false);
  });

  it("resources committed by category (accepted in the range; live units still out)", async () => {
    const k = await kpis("320100");
    expect(k.committedByCategory.find((c) => c.category === "EQUIPMENT")).toEqual({ category: "EQUIPMENT", assignments: 3, units: 3, liveUnits: 2 });
    expect(k.committedByCategory.find((c) => c.category === "KNIGHT")).toEqual({ category: "KNIGHT", assignments: 1, units: 1, liveUnits: 1 });
    expect(k.committedByCategory.find((c) => c.category === "MATERIAL")).toEqual({ category: "MATERIAL", assignments: 0, units: 0, liveUnits: 0 });
  });

  it("an empty region: zeros and nulls, never another region's figures", async () => {
    const k = await kpis("320200");
    expect(k.openNeeds.every((p) => p.posted === 0 && p.fillRate === null)).toBe(true);
    expect(k.funnel).toEqual({ total: { needId: null, title: "", priority: null, needed: 0, committed: 0, enRoute: 0, onScene: 0, released: 0 }, needs: [], truncated: false });
    expect(k.responseTimes.every((s) => s.n === 0 && s.medianSeconds === null)).toBe(true);
    expect(k.unmetDemand).toEqual([]);
    expect(k.supplierResponses).toMatchObject({ offered: 0, acceptanceRate: null, declineRate: null, reasons: [] });
    expect(k.knightsOnDuty.points).toEqual([]);
    expect(k.committedByCategory.every((c) => c.units === 0)).toBe(true);
  });

  it("access: admins and the region's government users; a supplier, a knight and another region's government user are refused", async () => {
    await expect(loadCommandKpis(t.db, f.actors.admin, { regionCode: "320200", ...RANGE })).resolves.toMatchObject({ regionCode: "320200" });
    await expect(loadCommandKpis(t.db, f.actors.dispatcherA, { regionCode: "320102", ...RANGE })).resolves.toMatchObject({ regionCode: "320102" });
    await expect(loadCommandKpis(t.db, f.actors.supplier, { regionCode: "320102", ...RANGE })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const knight = await createKnight(t.db, { lat: 32.05, lng: 118.79 });
    await expect(loadCommandKpis(t.db, knight.actor, { regionCode: "320102", ...RANGE })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Wuxi's government (320200) may not open Xuanwu, nor Nanjing.
    await t.db.organization.update({ where: { id: f.orgs.govB }, data: { regionCode: "320200" } });
    await expect(loadCommandKpis(t.db, f.actors.memberB, { regionCode: "320102", ...RANGE })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(loadCommandKpis(t.db, f.actors.memberB, { regionCode: "320200", ...RANGE })).resolves.toMatchObject({ regionCode: "320200" });
  });
});
