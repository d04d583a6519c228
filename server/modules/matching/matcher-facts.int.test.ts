import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import type { MatchNeed } from "@/server/modules/matching/match-types";

/**
 * The matcher's row-local facts on resource (owner_verified, avail_*, credential_cover; migration
 * 20261207220000_matching_row_local_rules) follow every write that changes what they copy, and matching follows
 * them: each trigger is exercised through an ordinary write and checked on the row, against a recomputation
 * from the source tables, and through findCandidates.
 */

let t: TestDatabase;
const T0 = new Date("2026-07-06T02:00:00Z"); // Monday 10:00 in Asia/Shanghai
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);
const ids = { org: "mf_org", user: "mf_user", creator: "mf_creator", gov: "mf_gov", pump: "mf_pump", boat: "mf_boat" };
const res = { org: "mf_r_org", expert: "mf_r_expert", boat: "mf_r_boat" };

const need = (typeId: string, kind: string): MatchNeed => ({
  id: "mf_need", typeId, category: "EQUIPMENT", typeKind: kind, typeLevel: 1, requiredCapabilities: {}, quantityOpen: 1,
  stagingLat: 32.06, stagingLng: 118.79, neededBy: T0, durationMinutes: 120, maxDistanceKm: 50, paymentMode: "PUBLIC_GOOD", priority: "URGENT",
});
const pumpNeed = need(ids.pump, "MF_PUMP");
const boatNeed = need(ids.boat, "MF_BOAT");
const matched = async (n: MatchNeed) => (await findCandidates(t.db, n, { typeIds: [n.typeId!] })).map((c) => c.resourceId).sort();

type Facts = { owner_verified: boolean; has_availability_windows: boolean; blackout: string | null; weekly: string | null; dated: string | null; cover: string | null };
const facts = async (id: string): Promise<Facts> =>
  (await t.db.$queryRaw<Facts[]>`SELECT owner_verified, has_availability_windows, avail_blackout::text AS blackout, avail_weekly::text AS weekly,
      avail_dated::text AS dated, credential_cover::text AS cover FROM resource WHERE id = ${id}`)[0]!;

/** Every row's stored facts equal a recomputation from the source tables (what the backfill computes). */
async function expectConsistent() {
  const bad = await t.db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM resource r
    LEFT JOIN LATERAL (
      SELECT count(*) AS n,
             range_agg(tstzrange(w.starts_at, w.ends_at, '[)')) FILTER (WHERE w.kind = 'BLACKOUT') AS b,
             range_agg(int4range(w.weekday * 1440 + w.start_minute, w.weekday * 1440 + w.end_minute, '[)')) FILTER (WHERE w.kind = 'WEEKLY') AS wk,
             range_agg(tstzrange(w.starts_at, w.ends_at, '[)')) FILTER (WHERE w.kind = 'DATED') AS d
      FROM availability_window w WHERE w.resource_id = r.id) w ON true
    WHERE r.owner_verified IS DISTINCT FROM muster_owner_verified(r.owner_org_id, r.owner_user_id)
       OR r.credential_cover IS DISTINCT FROM muster_credential_cover(r.id, r.type_id)
       OR r.has_availability_windows IS DISTINCT FROM (w.n > 0)
       OR (r.avail_blackout, r.avail_weekly, r.avail_dated) IS DISTINCT FROM (w.b, w.wk, w.d)`;
  expect(bad).toEqual([]);
}

beforeAll(async () => {
  t = await testDb();
  const db = t.db;
  await db.region.upsert({ where: { code: "320100" }, update: {}, create: { code: "320100", nameZh: "南京市", nameEn: "Nanjing", level: "CITY", lat: 32.06, lng: 118.8 } });
  const org = (id: string, verification: string, kind = "ENTERPRISE") =>
    ({ id, name: id, kind, regionCode: "320100", contactName: "x", contactPhone: "1", address: "x", verification }) as never;
  await db.organization.createMany({ data: [org(ids.org, "PENDING"), org(ids.gov, "VERIFIED", "GOVERNMENT")] });
  await db.user.createMany({ data: [ids.user, ids.creator].map((id) => ({ id, email: `${id}@t.test` })) });
  await db.resourceType.createMany({
    data: [
      { id: ids.pump, code: ids.pump, kind: "MF_PUMP", typeLevel: 1, category: "EQUIPMENT", nameZh: "泵", nameEn: "pump", requiredCredentialKinds: [] },
      { id: ids.boat, code: ids.boat, kind: "MF_BOAT", typeLevel: 1, category: "EQUIPMENT", nameZh: "船", nameEn: "boat", requiredCredentialKinds: ["VESSEL"] },
    ],
  });
  const listing = (id: string, typeId: string, owner: { ownerOrgId?: string; ownerUserId?: string }) => ({
    id, typeId, ...owner, title: id, unit: "unit", lat: 32.07, lng: 118.79, address: "x", regionCode: "320100",
    travelRange: "CITY" as const, maxTravelKm: 100, mobilizationMinutes: 10, status: "AVAILABLE" as const,
  });
  await db.resource.createMany({
    data: [listing(res.org, ids.pump, { ownerOrgId: ids.org }), listing(res.expert, ids.pump, { ownerUserId: ids.user }), listing(res.boat, ids.boat, { ownerOrgId: ids.gov })],
  });
});
afterAll(async () => {
  await t.cleanup();
});

describe("owner_verified", () => {
  it("follows the owner organisation's verification", async () => {
    expect((await facts(res.org)).owner_verified).toBe(false);
    expect(await matched(pumpNeed)).toEqual([]);
    await t.db.organization.update({ where: { id: ids.org }, data: { verification: "VERIFIED" } });
    expect((await facts(res.org)).owner_verified).toBe(true);
    expect(await matched(pumpNeed)).toEqual([res.org]);
    await t.db.organization.update({ where: { id: ids.org }, data: { verification: "REJECTED" } });
    expect((await facts(res.org)).owner_verified).toBe(false);
    expect(await matched(pumpNeed)).toEqual([]);
    await expectConsistent();
  });

  it("follows an individual owner's expert profile and disabled account", async () => {
    expect((await facts(res.expert)).owner_verified).toBe(false);
    const profile = await t.db.expertProfile.create({ data: { userId: ids.user, specialty: "x", regionCode: "320100" } });
    expect((await facts(res.expert)).owner_verified).toBe(true);
    expect(await matched(pumpNeed)).toEqual([res.expert]);
    await t.db.user.update({ where: { id: ids.user }, data: { disabledAt: T0 } });
    expect((await facts(res.expert)).owner_verified).toBe(false);
    expect(await matched(pumpNeed)).toEqual([]);
    await t.db.user.update({ where: { id: ids.user }, data: { disabledAt: null } });
    expect(await matched(pumpNeed)).toEqual([res.expert]);
    await t.db.expertProfile.delete({ where: { id: profile.id } });
    expect((await facts(res.expert)).owner_verified).toBe(false);
    expect(await matched(pumpNeed)).toEqual([]);
    await t.db.expertProfile.create({ data: { userId: ids.user, specialty: "x", regionCode: "320100" } });
    await expectConsistent();
  });

  it("is set on insert and on an owner change", async () => {
    await t.db.resource.update({ where: { id: res.expert }, data: { ownerUserId: null, ownerOrgId: ids.org } }); // org is REJECTED
    expect((await facts(res.expert)).owner_verified).toBe(false);
    await t.db.resource.update({ where: { id: res.expert }, data: { ownerUserId: ids.user, ownerOrgId: null } });
    expect((await facts(res.expert)).owner_verified).toBe(true);
    await expectConsistent();
  });
});

describe("availability windows", () => {
  it("a blackout over the job excludes; removing it restores", async () => {
    const w = await t.db.availabilityWindow.create({ data: { resourceId: res.expert, kind: "BLACKOUT", startsAt: hours(1), endsAt: hours(5) } });
    expect(await facts(res.expert)).toMatchObject({ has_availability_windows: true, weekly: null, dated: null });
    expect((await facts(res.expert)).blackout).not.toBeNull();
    expect(await matched(pumpNeed)).toEqual([]);
    // ends exactly when the job starts: no overlap ([start, end) on both sides)
    await t.db.availabilityWindow.update({ where: { id: w.id }, data: { startsAt: hours(-3), endsAt: T0 } });
    expect(await matched(pumpNeed)).toEqual([res.expert]);
    await t.db.availabilityWindow.delete({ where: { id: w.id } });
    expect(await facts(res.expert)).toMatchObject({ has_availability_windows: false, blackout: null });
    await expectConsistent();
  });

  it("a weekly pattern must contain the start, or a dated window must", async () => {
    // Monday (1) 08:00–10:00 local: the job starts Monday 10:00, just outside
    const weekly = await t.db.availabilityWindow.create({ data: { resourceId: res.expert, kind: "WEEKLY", weekday: 1, startMinute: 480, endMinute: 600 } });
    expect(await matched(pumpNeed)).toEqual([]);
    await t.db.availabilityWindow.update({ where: { id: weekly.id }, data: { endMinute: 601 } });
    expect(await matched(pumpNeed)).toEqual([res.expert]);
    await t.db.availabilityWindow.update({ where: { id: weekly.id }, data: { weekday: 2 } });
    expect(await matched(pumpNeed)).toEqual([]);
    const dated = await t.db.availabilityWindow.create({ data: { resourceId: res.expert, kind: "DATED", startsAt: T0, endsAt: hours(1) } });
    expect(await matched(pumpNeed)).toEqual([res.expert]);
    await t.db.availabilityWindow.deleteMany({ where: { id: { in: [weekly.id, dated.id] } } });
    expect(await facts(res.expert)).toMatchObject({ has_availability_windows: false, weekly: null, dated: null });
    expect(await matched(pumpNeed)).toEqual([res.expert]);
    await expectConsistent();
  });
});

describe("credential_cover", () => {
  it("follows added, expired and removed credentials of the type's required kinds", async () => {
    await t.db.resource.update({ where: { id: res.org }, data: { ownerOrgId: ids.gov } }); // out of the pump's way
    expect((await facts(res.boat)).cover).toBe("empty");
    expect(await matched(boatNeed)).toEqual([]);
    const c = await t.db.credential.create({ data: { resourceId: res.boat, kind: "VESSEL", number: "1", issuer: "x", validFrom: hours(-100), validUntil: hours(100) } });
    expect(await matched(boatNeed)).toEqual([res.boat]);
    // expires before the job ends (it runs 2 h from T0)
    await t.db.credential.update({ where: { id: c.id }, data: { validUntil: hours(1) } });
    expect(await matched(boatNeed)).toEqual([]);
    await t.db.credential.update({ where: { id: c.id }, data: { validUntil: hours(2) } });
    expect(await matched(boatNeed)).toEqual([res.boat]);
    await t.db.credential.create({ data: { resourceId: res.boat, kind: "OTHER", number: "2", issuer: "x" } }); // not required
    expect(await matched(boatNeed)).toEqual([res.boat]);
    await t.db.credential.delete({ where: { id: c.id } });
    expect(await matched(boatNeed)).toEqual([]);
    await expectConsistent();
  });

  it("two credentials of one kind: NULL, and the query probes (each must cover alone)", async () => {
    const a = await t.db.credential.create({ data: { resourceId: res.boat, kind: "VESSEL", number: "a", issuer: "x", validFrom: hours(-10), validUntil: hours(1) } });
    const b = await t.db.credential.create({ data: { resourceId: res.boat, kind: "VESSEL", number: "b", issuer: "x", validFrom: hours(1), validUntil: hours(10) } });
    expect((await facts(res.boat)).cover).toBeNull();
    expect(await matched(boatNeed)).toEqual([]); // together they cover the job, neither alone does
    await t.db.credential.update({ where: { id: b.id }, data: { validFrom: null } });
    expect(await matched(boatNeed)).toEqual([res.boat]);
    await t.db.credential.delete({ where: { id: a.id } });
    expect((await facts(res.boat)).cover).not.toBeNull();
    expect(await matched(boatNeed)).toEqual([res.boat]);
    await expectConsistent();
  });

  it("follows the type's required kinds and a change of type", async () => {
    await t.db.resourceType.update({ where: { id: ids.boat }, data: { requiredCredentialKinds: ["VESSEL", "CREW"] } });
    expect((await facts(res.boat)).cover).toBe("empty");
    expect(await matched(boatNeed)).toEqual([]);
    await t.db.resourceType.update({ where: { id: ids.boat }, data: { requiredCredentialKinds: [] } });
    expect((await facts(res.boat)).cover).toBe("(,)");
    await t.db.resourceType.update({ where: { id: ids.pump }, data: { requiredCredentialKinds: ["PUMP_LICENCE"] } });
    await t.db.resource.update({ where: { id: res.boat }, data: { typeId: ids.pump } });
    expect((await facts(res.boat)).cover).toBe("empty");
    await expectConsistent();
  });
});

describe("units held by live assignments", () => {
  it("a listing whose every unit is held over the job is excluded; outside the window it is not", async () => {
    await t.db.resourceType.update({ where: { id: ids.pump }, data: { requiredCredentialKinds: [] } });
    const incident = await t.db.incident.create({
      data: { orgId: ids.gov, createdById: ids.creator, title: "t", kind: "FLOOD", severity: "II", lat: 32, lng: 118, address: "x", regionCode: "320100" },
    });
    const n = await t.db.need.create({
      data: { incidentId: incident.id, category: "EQUIPMENT", title: "t", quantity: 1, unit: "unit", stagingLat: 32, stagingLng: 118, stagingAddress: "x", neededBy: T0, durationMinutes: 60, maxDistanceKm: 10, createdById: ids.creator },
    });
    expect(await matched(pumpNeed)).toContain(res.expert);
    const a = await t.db.assignment.create({ data: { needId: n.id, resourceId: res.expert, unitIndex: 0, status: "ACCEPTED", windowStart: hours(1), windowEnd: hours(3) } });
    expect(await matched(pumpNeed)).not.toContain(res.expert);
    await t.db.assignment.update({ where: { id: a.id }, data: { windowStart: hours(2), windowEnd: hours(3) } }); // starts when the job ends
    expect(await matched(pumpNeed)).toContain(res.expert);
    await t.db.assignment.update({ where: { id: a.id }, data: { windowStart: hours(1), status: "COMPLETED" } });
    expect(await matched(pumpNeed)).toContain(res.expert);
    await t.db.resource.update({ where: { id: res.expert }, data: { totalQuantity: 2 } });
    await t.db.assignment.update({ where: { id: a.id }, data: { status: "ON_SCENE" } });
    const c = (await findCandidates(t.db, pumpNeed, { typeIds: [ids.pump] })).find((x) => x.resourceId === res.expert);
    expect(c?.availableQuantity).toBe(1);
  });
});

describe("concurrent writers", () => {
  it("a listing inserted while its organisation is being verified ends up verified (the insert holds the org row FOR SHARE)", async () => {
    const { default: pg } = await import("pg");
    const [a, b] = [new pg.Client({ connectionString: t.url }), new pg.Client({ connectionString: t.url })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      await t.db.organization.update({ where: { id: ids.org }, data: { verification: "PENDING" } });
      await a.query("BEGIN");
      await a.query(
        `INSERT INTO resource (id, type_id, owner_org_id, title, unit, lat, lng, address, region_code, travel_range, max_travel_km, mobilization_minutes, status, updated_at)
         VALUES ('mf_r_race', $1, $2, 'race', 'unit', 32.07, 118.79, 'x', '320100', 'CITY', 100, 10, 'AVAILABLE', now())`,
        [ids.pump, ids.org],
      );
      const bPid = (await b.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      let settled = false;
      const verifying = b.query(`UPDATE organization SET verification = 'VERIFIED' WHERE id = $1`, [ids.org]).finally(() => (settled = true));
      // the verification waits for the insert's row lock (observed, not timed); were it not to wait, it settles
      // first and the listing is left unverified, which the assertion below reports
      while (!settled) {
        const w = await t.db.$queryRaw<{ waiting: boolean }[]>`SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = ${bPid}`;
        if (w[0]?.waiting) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await a.query("COMMIT");
      await verifying;
      expect((await facts("mf_r_race")).owner_verified).toBe(true);
      await expectConsistent();
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it("a verification and a writer locking the same listings in id order (the search fan-out) do not deadlock", async () => {
    const { default: pg } = await import("pg");
    const [a, b] = [new pg.Client({ connectionString: t.url }), new pg.Client({ connectionString: t.url })];
    await Promise.all([a.connect(), b.connect()]);
    const lk = ["mf_lk_1", "mf_lk_2", "mf_lk_3", "mf_lk_4"];
    try {
      await t.db.organization.update({ where: { id: ids.org }, data: { verification: "PENDING" } });
      // inserted highest id first, so the table's order (what a plan reads) is the reverse of id order
      for (const id of [...lk].reverse()) {
        await t.db.resource.create({
          data: { id, typeId: ids.pump, ownerOrgId: ids.org, title: id, unit: "unit", lat: 32.07, lng: 118.79, address: "x", regionCode: "320100", travelRange: "CITY", maxTravelKm: 100, mobilizationMinutes: 10, status: "AVAILABLE" },
        });
      }
      await a.query("BEGIN");
      await a.query(`SELECT 1 FROM resource WHERE id = $1 FOR UPDATE`, [lk[0]]);
      const bPid = (await b.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const verifying = b.query(`UPDATE organization SET verification = 'VERIFIED' WHERE id = $1`, [ids.org]);
      const settled = verifying.then(() => true, () => true);
      const waiting = async () =>
        (await t.db.$queryRaw<{ w: boolean }[]>`SELECT wait_event_type = 'Lock' AS w FROM pg_stat_activity WHERE pid = ${bPid}`)[0]?.w === true;
      while (!(await Promise.race([settled, new Promise<false>((r) => setTimeout(() => r(false), 20))])) && !(await waiting()));
      // the verification waits on the first listing holding none of the others: the next in id order is free
      await a.query(`SELECT 1 FROM resource WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [lk.slice(1)]);
      await a.query("COMMIT");
      await verifying;
      for (const id of lk) expect((await facts(id)).owner_verified).toBe(true);
      await expectConsistent();
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});
