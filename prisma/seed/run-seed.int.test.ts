import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { verifyPassword } from "@/server/auth/password";
import { buildDataset } from "./build-dataset";
import { bulkLoadExtras } from "./bulk-load";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { countRows, runSeed } from "./run-seed";

const NOW = new Date("2026-03-01T08:00:00Z");
const OPTS = { seed: "int", scale: 300, knights: 50, now: NOW };

let t: TestDatabase;
let counts: Record<string, number>;
let firstListings: unknown[];
const listingSample = () =>
  t.db.resource.findMany({ select: { id: true, title: true, titleEn: true, capabilities: true, lat: true, lng: true }, orderBy: { id: "asc" }, take: 50 });

beforeAll(async () => {
  t = await testDb();
  const result = await runSeed(t.db, { ...OPTS, url: t.url });
  expect(result.skipped).toBe(false);
  counts = result.counts;
  firstListings = await listingSample();
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("runSeed (small scale)", () => {
  it("writes the expected volumes", () => {
    expect(counts.resource).toBe(300);
    expect(counts.knight_profile).toBe(51); // 50 generated + the demo knight
    expect(counts.resource_type).toBeGreaterThanOrEqual(60);
    expect(counts.organization).toBeGreaterThanOrEqual(60);
    expect(counts.region).toBe(25);
    expect(counts.incident).toBeGreaterThanOrEqual(15);
    expect(counts.need).toBeGreaterThan(50);
    expect(counts.need_template).toBeGreaterThanOrEqual(10);
    expect(counts.assignment).toBeGreaterThan(0);
    expect(counts.job).toBeGreaterThanOrEqual(2); // the demo offers' expiry timers
    expect(counts.credential).toBeGreaterThan(0);
  });

  it("creates one working account per role", async () => {
    const users = await t.db.user.findMany({
      where: { email: { in: Object.values(DEMO_ACCOUNTS).map((a) => a.email) } },
      select: {
        email: true, kind: true, platformRole: true, passwordHash: true,
        memberships: { select: { role: true, org: { select: { kind: true, verification: true, _count: { select: { resources: true } } } } } },
        knightProfile: { select: { onDuty: true, homeDistrictCode: true, lastLat: true } },
        _count: { select: { resourcesOwned: true } },
      },
    });
    const by = new Map(users.map((u) => [u.email, u]));
    expect(users).toHaveLength(6);
    for (const u of users) expect(await verifyPassword(u.passwordHash!, DEMO_PASSWORD), u.email!).toBe(true);
    expect(by.get(DEMO_ACCOUNTS.admin.email)).toMatchObject({ platformRole: "ADMIN" });
    expect(by.get(DEMO_ACCOUNTS.requester.email)!.memberships[0]).toMatchObject({ role: "OWNER", org: { kind: "GOVERNMENT", verification: "VERIFIED" } });
    const supplier = by.get(DEMO_ACCOUNTS.supplier.email)!.memberships[0];
    expect(supplier).toMatchObject({ role: "OWNER", org: { kind: "ENTERPRISE", verification: "VERIFIED" } });
    expect(supplier.org._count.resources).toBeGreaterThanOrEqual(10);
    expect(by.get(DEMO_ACCOUNTS.expert.email)).toMatchObject({ kind: "EXPERT", _count: { resourcesOwned: 1 } });
    expect(by.get(DEMO_ACCOUNTS.knight.email)!.knightProfile).toMatchObject({ onDuty: true, homeDistrictCode: "320102" });
    expect(by.get(DEMO_ACCOUNTS.pending.email)!.memberships[0]).toMatchObject({ role: "OWNER", org: { verification: "PENDING" } });
  });

  it("keeps need counters and assignments consistent", async () => {
    const needs = await t.db.need.findMany({
      select: {
        quantity: true, status: true, qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, incident: { select: { status: true } },
        // open offers commit nothing until accepted
        assignments: { where: { status: { not: "OFFERED" } }, select: { quantity: true, status: true } },
      },
    });
    for (const n of needs) {
      expect(n.qtyCommitted).toBeLessThanOrEqual(n.quantity);
      expect(n.qtyEnRoute + n.qtyOnScene).toBeLessThanOrEqual(n.qtyCommitted);
      expect(n.assignments.reduce((s, a) => s + a.quantity, 0)).toBeLessThanOrEqual(n.qtyCommitted);
      if (n.incident.status === "CLOSED") expect(["CLOSED", "CANCELLED"]).toContain(n.status);
    }
    const [{ bad }] = await t.db.$queryRawUnsafe<{ bad: bigint }[]>(
      `SELECT count(*) AS bad FROM resource WHERE committed_quantity > total_quantity OR lat NOT BETWEEN 30.7 AND 35.2`,
    );
    expect(Number(bad)).toBe(0);
  });

  it("with ifEmpty, a second run adds nothing", async () => {
    const again = await runSeed(t.db, { ...OPTS, ifEmpty: true, url: t.url });
    expect(again.skipped).toBe(true);
    expect(await countRows(t.db)).toEqual(counts);
  });

  it("refuses to seed over existing data without reset", async () => {
    await expect(runSeed(t.db, { ...OPTS, url: t.url })).rejects.toThrow(/--reset/);
  });

  it("bulk-loads the tail above the base through unnest batches", async () => {
    const d = buildDataset({ ...OPTS, adminId: null, passwordHash: null });
    const res = await bulkLoadExtras({ url: t.url, seed: OPTS.seed, now: NOW, factory: d.factory, from: d.baseCount, count: 600, batchSize: 250, showProgress: false });
    expect(res).toMatchObject({ resources: 600, orgs: 3 });
    const after = await countRows(t.db);
    expect(after.resource).toBe(counts.resource + 600);
    expect(after.organization).toBe(counts.organization + 3);
    const sample = await t.db.resource.findFirst({ where: { id: d.factory.generate(d.baseCount + 10).resource.id }, select: { capabilities: true, travelRange: true, createdAt: true } });
    expect(sample).not.toBeNull();
  });

  it("with reset, reseeds the same content for the same seed", async () => {
    await runSeed(t.db, { ...OPTS, reset: true, url: t.url });
    expect(await listingSample()).toEqual(firstListings);
    expect((await countRows(t.db)).resource).toBe(300);
  });
});
