import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";

/** SQLSTATE of a failed Prisma call through the pg adapter (the driver error sits in `cause`). */
async function sqlState(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    const err = e as { code?: string; cause?: { originalCode?: string; code?: string }; meta?: { code?: string } };
    return err.cause?.originalCode ?? err.cause?.code ?? err.meta?.code ?? err.code ?? "unknown";
  }
}

// The rules that matter from day one live in the database, so no code path can get around them.
describe("database-level rules", () => {
  let t: TestDatabase;
  let resourceId: string;
  let needId: string;
  let orgId: string;
  let userId: string;
  const start = new Date("2026-07-01T08:00:00Z");
  const hours = (h: number) => new Date(start.getTime() + h * 3_600_000);

  beforeAll(async () => {
    t = await testDb();
    const { db } = t;
    await db.region.create({ data: { code: "320100", nameZh: "南京市", nameEn: "Nanjing", level: "CITY", lat: 32.06, lng: 118.8 } });
    const user = await db.user.create({ data: { email: "rules@test.cn", kind: "REQUESTER" } });
    const org = await db.organization.create({
      data: { name: "南京市应急管理局", kind: "GOVERNMENT", regionCode: "320100", contactName: "王", contactPhone: "025-1", address: "南京", verification: "VERIFIED" },
    });
    orgId = org.id;
    userId = user.id;
    const type = await db.resourceType.create({ data: { category: "EQUIPMENT", code: "EQ-PUMP-T", kind: "PUMP", nameZh: "排涝泵", nameEn: "Pump" } });
    const resources = Array.from({ length: 2000 }, (_, i) => ({
      typeId: type.id,
      ownerOrgId: org.id,
      title: `泵 ${i}`,
      unit: "unit",
      lat: 31.2 + (i % 50) * 0.03,
      lng: 118.3 + Math.floor(i / 50) * 0.03,
      address: "南京",
      regionCode: "320100",
      travelRange: "CITY" as const,
      maxTravelKm: 80,
      mobilizationMinutes: 30,
      status: "AVAILABLE" as const,
    }));
    await db.resource.createMany({ data: resources });
    resourceId = (await db.resource.findFirstOrThrow({ select: { id: true } })).id;
    const incident = await db.incident.create({
      data: { orgId: org.id, createdById: user.id, title: "秦淮区内涝", kind: "FLOOD", severity: "III", lat: 32.02, lng: 118.79, address: "秦淮区", regionCode: "320100" },
    });
    const need = await db.need.create({
      data: {
        incidentId: incident.id, typeId: type.id, category: "EQUIPMENT", title: "排涝泵", quantity: 2, unit: "unit",
        stagingLat: 32.02, stagingLng: 118.79, stagingAddress: "秦淮区", neededBy: start, durationMinutes: 240, maxDistanceKm: 50, createdById: user.id,
      },
    });
    needId = need.id;
    await db.$executeRawUnsafe("ANALYZE resource");
  });
  afterAll(async () => t?.cleanup());

  const assign = (status: "OFFERED" | "ACCEPTED" | "DECLINED" | "PROPOSED", from: number, to: number, unitIndex: number | null = 0) =>
    t.db.assignment.create({ data: { needId, resourceId, status, windowStart: hours(from), windowEnd: hours(to), unitIndex } });

  it("refuses a second live assignment of one resource unit over an overlapping window", async () => {
    await assign("ACCEPTED", 0, 4);
    expect(await sqlState(assign("OFFERED", 2, 6))).toBe("23P01");
    expect(await sqlState(assign("ACCEPTED", 3, 5))).toBe("23P01");
  });

  it("allows adjacent windows, other units and dead statuses", async () => {
    expect(await sqlState(assign("OFFERED", 4, 8))).toBeNull(); // [0,4) and [4,8) touch but do not overlap
    expect(await sqlState(assign("OFFERED", 1, 3, 1))).toBeNull();
    expect(await sqlState(assign("DECLINED", 1, 3))).toBeNull();
    expect(await sqlState(assign("PROPOSED", 1, 3))).toBeNull();
  });

  it("refuses impossible values with CHECK constraints", async () => {
    expect(await sqlState(t.db.resource.update({ where: { id: resourceId }, data: { committedQuantity: 5, totalQuantity: 1 } }))).toBe("23514");
    expect(await sqlState(t.db.resource.update({ where: { id: resourceId }, data: { lat: 123 } }))).toBe("23514");
    expect(await sqlState(t.db.need.update({ where: { id: needId }, data: { qtyCommitted: -1 } }))).toBe("23514");
  });

  it("keeps each listing's copy of its type's kind and level (the matcher's KNN key) equal to the type's", async () => {
    const copy = async () => t.db.resource.findUniqueOrThrow({ where: { id: resourceId }, select: { typeKind: true, typeLevel: true } });
    expect(await copy()).toEqual({ typeKind: "PUMP", typeLevel: 1 });
    // a value written by hand is replaced from the type
    await t.db.resource.update({ where: { id: resourceId }, data: { typeKind: "BOAT", typeLevel: 9 } });
    expect(await copy()).toEqual({ typeKind: "PUMP", typeLevel: 1 });
    // a listing moved to another type takes that type's
    const other = await t.db.resourceType.create({ data: { category: "EQUIPMENT", code: "EQ-BOAT-T", kind: "BOAT", typeLevel: 2, nameZh: "冲锋舟", nameEn: "Boat" } });
    const typeId = (await t.db.resource.findUniqueOrThrow({ where: { id: resourceId }, select: { typeId: true } })).typeId;
    await t.db.resource.update({ where: { id: resourceId }, data: { typeId: other.id } });
    expect(await copy()).toEqual({ typeKind: "BOAT", typeLevel: 2 });
    // a catalogue edit of the type reaches its listings in the same statement
    await t.db.resourceType.update({ where: { id: other.id }, data: { typeLevel: 3, kind: "RAFT" } });
    expect(await copy()).toEqual({ typeKind: "RAFT", typeLevel: 3 });
    await t.db.resource.update({ where: { id: resourceId }, data: { typeId } });
    expect(await copy()).toEqual({ typeKind: "PUMP", typeLevel: 1 });
    expect(await t.db.resource.count({ where: { typeKind: { not: "PUMP" } } })).toBe(0);
    // also when FK triggers are bypassed, as the bulk seed and a restore do
    const owner = await t.db.resource.findUniqueOrThrow({ where: { id: resourceId }, select: { ownerOrgId: true } });
    const bulkId = await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      const r = await tx.resource.create({
        data: { typeId: other.id, ownerOrgId: owner.ownerOrgId, title: "bulk", unit: "unit", lat: 32, lng: 118.8, address: "x", regionCode: "320100", travelRange: "CITY", maxTravelKm: 10, mobilizationMinutes: 5 },
        select: { id: true },
      });
      await tx.availabilityWindow.create({ data: { resourceId: r.id, kind: "BLACKOUT", startsAt: hours(0), endsAt: hours(1) } });
      return r.id;
    });
    expect(await t.db.resource.findUniqueOrThrow({ where: { id: bulkId }, select: { typeKind: true, typeLevel: true, hasAvailabilityWindows: true } }))
      .toEqual({ typeKind: "RAFT", typeLevel: 3, hasAvailabilityWindows: true });
    await t.db.resource.delete({ where: { id: bulkId } });
  });

  it("flags the listings that have availability windows, per statement, whatever writes them", async () => {
    const ids = (await t.db.resource.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 3 })).map((r) => r.id);
    const flags = async () =>
      (await t.db.resource.findMany({ where: { id: { in: ids } }, select: { hasAvailabilityWindows: true }, orderBy: { id: "asc" } })).map((r) => r.hasAvailabilityWindows);
    const window = (resourceId: string, h: number) => ({ resourceId, kind: "BLACKOUT" as const, startsAt: hours(h), endsAt: hours(h + 1) });
    expect(await flags()).toEqual([false, false, false]);
    await t.db.availabilityWindow.createMany({ data: [window(ids[0]!, 0), window(ids[0]!, 2), window(ids[1]!, 0)] });
    expect(await flags()).toEqual([true, true, false]);
    // removing one of two keeps the flag; removing the last clears it
    const first = await t.db.availabilityWindow.findFirstOrThrow({ where: { resourceId: ids[0] }, select: { id: true } });
    await t.db.availabilityWindow.delete({ where: { id: first.id } });
    expect(await flags()).toEqual([true, true, false]);
    // moving a window to another listing flags that one and clears the one left without
    await t.db.availabilityWindow.updateMany({ where: { resourceId: ids[1] }, data: { resourceId: ids[2] } });
    expect(await flags()).toEqual([true, false, true]);
    await t.db.availabilityWindow.deleteMany({ where: { resourceId: { in: ids } } });
    expect(await flags()).toEqual([false, false, false]);
    expect(await t.db.resource.count({ where: { hasAvailabilityWindows: true } })).toBe(0);
  });

  it("answers nearest-neighbour queries from the GiST index, in true distance order", async () => {
    const plan = await t.db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      "EXPLAIN SELECT id FROM resource ORDER BY muster_ll_to_earth(lat, lng) <-> muster_ll_to_earth(32.05, 118.78) LIMIT 10",
    );
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("resource_position_gist");

    const knn = await t.db.$queryRawUnsafe<{ id: string }[]>(
      "SELECT id FROM resource ORDER BY muster_ll_to_earth(lat, lng) <-> muster_ll_to_earth(32.05, 118.78) LIMIT 10",
    );
    const brute = await t.db.$queryRawUnsafe<{ id: string }[]>(
      "SELECT id FROM resource ORDER BY earth_distance(ll_to_earth(lat, lng), ll_to_earth(32.05, 118.78)), id LIMIT 10",
    );
    expect(new Set(knn.map((r) => r.id))).toEqual(new Set(brute.map((r) => r.id)));
  });

  it("keeps each assignment's supplier (the matcher's load key) equal to its resource's owner, whatever writes it", async () => {
    const suppliers = async () =>
      [...new Set((await t.db.assignment.findMany({ where: { resourceId }, select: { supplierId: true } })).map((a) => a.supplierId))];
    expect(await t.db.assignment.count({ where: { resourceId } })).toBeGreaterThan(0);
    expect(await suppliers()).toEqual([orgId]);
    // a direct write is put back, the resource's owner wins
    await t.db.assignment.updateMany({ where: { resourceId }, data: { supplierId: "someone-else" } });
    expect(await suppliers()).toEqual([orgId]);
    // a listing moving to an individual owner moves its assignments' supplier with it, and back
    await t.db.resource.update({ where: { id: resourceId }, data: { ownerOrgId: null, ownerUserId: userId } });
    expect(await suppliers()).toEqual([userId]);
    await t.db.resource.update({ where: { id: resourceId }, data: { ownerOrgId: orgId, ownerUserId: null } });
    expect(await suppliers()).toEqual([orgId]);
    // moving an assignment to another resource takes that resource's owner
    const other = await t.db.resource.findFirstOrThrow({ where: { id: { not: resourceId } }, select: { id: true } });
    await t.db.resource.update({ where: { id: other.id }, data: { ownerOrgId: null, ownerUserId: userId } });
    const a = await t.db.assignment.create({
      data: { needId, resourceId: other.id, status: "PROPOSED", windowStart: hours(20), windowEnd: hours(21) },
      select: { id: true, supplierId: true },
    });
    expect(a.supplierId).toBe(userId);
    expect((await t.db.assignment.update({ where: { id: a.id }, data: { resourceId }, select: { supplierId: true } })).supplierId).toBe(orgId);
  });
});
