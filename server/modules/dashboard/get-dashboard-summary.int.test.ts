import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import { getDashboardSummary } from "@/server/modules/dashboard/get-dashboard-summary";
import { getPublicStats } from "@/server/modules/dashboard/public-stats";
import { insertTestRegions } from "@/tests/helpers/regions";
import { withoutTimestamps } from "@/tests/helpers/without-timestamps";

let t: TestDatabase;
const ids: Record<string, string> = {};
const now = new Date();
const inHours = (h: number) => new Date(now.getTime() + h * 3600_000);

function actor(userId: string, roles: Actor["roles"], memberships: Actor["memberships"] = []): Actor {
  return { via: "session", userId, roles, memberships };
}
const gov = (orgId: string): Actor["memberships"][number] => ({ orgId, orgRole: "OWNER", orgKind: "GOVERNMENT", verification: "VERIFIED" });
const ent = (orgId: string): Actor["memberships"][number] => ({ orgId, orgRole: "OWNER", orgKind: "ENTERPRISE", verification: "VERIFIED" });

async function user(key: string, kind: "REQUESTER" | "SUPPLIER" | "EXPERT" | "KNIGHT" | "ADMIN", name: string) {
  ids[key] = (await t.db.user.create({ data: { email: `${key}@example.com`, name, kind }, select: { id: true } })).id;
}
async function org(key: string, kind: "GOVERNMENT" | "ENTERPRISE", verification: "PENDING" | "VERIFIED") {
  ids[key] = (
    await t.db.organization.create({
      data: { name: key, kind, verification, regionCode: "320100", contactName: "c", contactPhone: "13900000000", address: "a" },
      select: { id: true },
    })
  ).id;
}

beforeAll(async () => {
  t = await testDb();
  await insertTestRegions(t.db);
  await user("req", "REQUESTER", "周建国");
  await user("sup", "SUPPLIER", "陈志强");
  await user("exp", "EXPERT", "李文华");
  for (const k of ["kn1", "kn2", "kn3"]) await user(k, "KNIGHT", k);
  await org("govA", "GOVERNMENT", "VERIFIED");
  await org("govB", "GOVERNMENT", "VERIFIED");
  await org("entA", "ENTERPRISE", "VERIFIED");
  await org("entPending", "ENTERPRISE", "PENDING");

  const type = await t.db.resourceType.create({ data: { category: "EQUIPMENT", code: "PUMP", kind: "pump", nameZh: "泵", nameEn: "Pump" } });
  const resource = (title: string, status: "AVAILABLE" | "DRAFT", owner: { ownerOrgId?: string; ownerUserId?: string }) =>
    t.db.resource.create({
      data: {
        typeId: type.id, title, status, unit: "台", lat: 32, lng: 118.8, address: "a", regionCode: "320100",
        travelRange: "CITY", maxTravelKm: 50, mobilizationMinutes: 30, ...owner,
      },
      select: { id: true },
    });
  const r1 = await resource("A", "AVAILABLE", { ownerOrgId: ids.entA });
  await resource("B", "DRAFT", { ownerOrgId: ids.entA });
  await resource("expert", "AVAILABLE", { ownerUserId: ids.exp });

  const incident = (orgId: string, status: "ACTIVE" | "CLOSED", title: string) =>
    t.db.incident.create({
      data: { orgId, createdById: ids.req, title, kind: "FLOOD", severity: "II", status, lat: 32, lng: 118.8, address: "a", regionCode: "320100" },
      select: { id: true },
    });
  const iA = await incident(ids.govA, "ACTIVE", "A 内涝");
  await incident(ids.govA, "CLOSED", "A 已结束");
  const iB = await incident(ids.govB, "ACTIVE", "B 的事件");
  const need = (incidentId: string, status: "OPEN" | "FILLED" | "PENDING_APPROVAL", quantity: number, qtyCommitted: number) =>
    t.db.need.create({
      data: {
        incidentId, category: "EQUIPMENT", title: "n", quantity, unit: "台", stagingLat: 32, stagingLng: 118.8, stagingAddress: "s",
        neededBy: inHours(2), durationMinutes: 60, maxDistanceKm: 50, status, qtyCommitted, createdById: ids.req,
      },
      select: { id: true },
    });
  const n1 = await need(iA.id, "OPEN", 10, 4);
  await need(iA.id, "FILLED", 2, 2);
  await need(iA.id, "PENDING_APPROVAL", 3, 0);
  await need(iB.id, "OPEN", 100, 0); // another organisation's: must not be counted for govA

  await t.db.assignment.create({ data: { needId: n1.id, resourceId: r1.id, status: "OFFERED", windowStart: now, windowEnd: inHours(4), holdExpiresAt: inHours(1) } });

  const knight = (key: string, points: number, status: "ACTIVE" | "SUSPENDED" = "ACTIVE") =>
    t.db.knightProfile.create({
      data: { userId: ids[key], vehicle: "EBIKE", payloadKg: 20, homeDistrictCode: "320102", points, onDuty: true, onDutySince: now, status, lastLat: 32.05, lastLng: 118.8 },
      select: { id: true },
    });
  const k1 = await knight("kn1", 300);
  await knight("kn2", 500);
  await knight("kn3", 300);
  await t.db.offer.create({ data: { needId: n1.id, knightId: k1.id, distanceBand: "0-1km", expiresAt: inHours(1) } });
});
afterAll(async () => t?.cleanup());

describe("dashboard summaries", () => {
  it("requester: only their organisation's active incidents and needs", async () => {
    const s = await getDashboardSummary(t.db, actor(ids.req, ["REQUESTER"], [gov(ids.govA)]), now);
    expect(s.roles).toEqual(["REQUESTER"]);
    expect(s.viewer.name).toBe("周建国");
    expect(s.requester).toMatchObject({ activeIncidents: 1, openNeeds: 1, needsAwaitingApproval: 1, quantityNeeded: 12, quantityFilled: 6 });
    expect(s.requester?.fillRate).toBeCloseTo(0.5);
    expect(s.requester?.recentIncidents.map((i) => i.title)).toEqual(["A 内涝"]);
    expect(s.requester?.recentIncidents[0].region.nameZh).toBe("南京市");
    expect(s.supplier).toBeNull();
  });

  it("requester without an organisation gets zeros and no fill rate", async () => {
    const s = await getDashboardSummary(t.db, actor(ids.req, ["REQUESTER"]), now);
    expect(s.requester).toMatchObject({ orgs: [], activeIncidents: 0, fillRate: null });
  });

  it("supplier: listings by status and offers on their organisation's resources only", async () => {
    const s = await getDashboardSummary(t.db, actor(ids.sup, ["SUPPLIER"], [ent(ids.entA)]), now);
    expect(s.supplier?.listings).toEqual({ AVAILABLE: 1, DRAFT: 1, OUT_OF_SERVICE: 0, RETIRED: 0, total: 2 });
    expect(s.supplier).toMatchObject({ pendingOffers: 1, activeAssignments: 0 });
    expect(s.supplier?.orgs.map((o) => o.verification)).toEqual(["VERIFIED"]);
    const other = await getDashboardSummary(t.db, actor(ids.sup, ["SUPPLIER"], [ent(ids.entPending)]), now);
    expect(other.supplier).toMatchObject({ pendingOffers: 0, listings: { total: 0 } });
    expect(other.supplier?.orgs[0].verification).toBe("PENDING");
  });

  it("expert: their own listings", async () => {
    const s = await getDashboardSummary(t.db, actor(ids.exp, ["EXPERT"]), now);
    expect(s.expert?.listings.total).toBe(1);
  });

  it("knight: duty state, points, offers and a tie-aware district rank — never a position", async () => {
    const s = await getDashboardSummary(t.db, actor(ids.kn1, ["KNIGHT"]), now);
    expect(s.knight?.profile).toMatchObject({ onDuty: true, points: 300, suspended: false, homeDistrict: { nameZh: "玄武区" } });
    expect(s.knight).toMatchObject({ pendingOffers: 1, activeTasks: 0, districtRank: { rank: 2, of: 3 } });
    expect(withoutTimestamps(JSON.stringify(s))).not.toMatch(/lastLat|lastLng|32\.05/);
  });

  it("admin: platform totals", async () => {
    const s = await getDashboardSummary(t.db, actor(ids.req, ["ADMIN"]), now);
    expect(s.admin).toMatchObject({ pendingOrganizations: 1, organizations: 4, verifiedOrganizations: 3, resources: 3, availableResources: 2, knights: 3, knightsOnDuty: 3, activeIncidents: 2 });
  });

  it("public stats: aggregate counts and place names from the database", async () => {
    const s = await getPublicStats(t.db);
    expect(s).toMatchObject({ verifiedOrganizations: 3, listedResources: 2, knights: 3, activeIncidents: 2 });
    expect(s.province?.nameZh).toBe("江苏省");
    expect(s.areas.map((a) => a.nameEn)).toEqual(["Nanjing", "Wuxi"]);
  });

  it("procedures: summary needs a role, publicStats needs nothing", async () => {
    const call = (a: Actor | null) => createCallerFactory(appRouter)({ db: t.db, actor: a, headers: new Headers(), ip: null } satisfies Context);
    await expect(call(null).dashboard.summary()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(call(actor(ids.req, [])).dashboard.summary()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await call(null).dashboard.publicStats()).knights).toBe(3);
    expect((await call(actor(ids.kn1, ["KNIGHT"])).dashboard.viewer()).email).toBe("kn1@example.com");
  });
});
