import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { verifyPassword } from "@/server/auth/password";
import type { Actor } from "@/server/auth/actor-type";
import { GET, POST } from "@/app/api/v1/[...path]/route";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { findPositionLeaks } from "@/server/modules/dispatch/privacy-scan";
import { verifyAuditChain } from "@/server/modules/audit/verify-audit-chain";
import { incidentTimeline } from "@/server/modules/incidents/timeline";
import { buildDataset } from "./build-dataset";
import { bulkLoadExtras } from "./bulk-load";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { DEMO_PLATFORM_API_KEY, DEMO_PLATFORM_SPEC, type DemoPlatformInfo } from "./delivery-platform";
import { countRows, runSeed } from "./run-seed";

const NOW = new Date("2026-03-01T08:00:00Z");
const OPTS = { seed: "int", scale: 300, knights: 50, now: NOW };

let t: TestDatabase;
let counts: Record<string, number>;
let firstListings: unknown[];
let platform: DemoPlatformInfo;
const listingSample = () =>
  t.db.resource.findMany({ select: { id: true, title: true, titleEn: true, capabilities: true, lat: true, lng: true }, orderBy: { id: "asc" }, take: 50 });

beforeAll(async () => {
  t = await testDb();
  const result = await runSeed(t.db, { ...OPTS, url: t.url });
  expect(result.skipped).toBe(false);
  counts = result.counts;
  platform = result.platform!;
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
    expect(users).toHaveLength(7);
    for (const u of users) expect(await verifyPassword(u.passwordHash!, DEMO_PASSWORD), u.email!).toBe(true);
    expect(by.get(DEMO_ACCOUNTS.admin.email)).toMatchObject({ platformRole: "ADMIN" });
    expect(by.get(DEMO_ACCOUNTS.requester.email)!.memberships[0]).toMatchObject({ role: "OWNER", org: { kind: "GOVERNMENT", verification: "VERIFIED" } });
    const supplier = by.get(DEMO_ACCOUNTS.supplier.email)!.memberships[0];
    expect(supplier).toMatchObject({ role: "OWNER", org: { kind: "ENTERPRISE", verification: "VERIFIED" } });
    expect(supplier.org._count.resources).toBeGreaterThanOrEqual(10);
    expect(by.get(DEMO_ACCOUNTS.expert.email)).toMatchObject({ kind: "EXPERT", _count: { resourcesOwned: 1 } });
    expect(by.get(DEMO_ACCOUNTS.knight.email)!.knightProfile).toMatchObject({ onDuty: true, homeDistrictCode: "320102" });
    expect(by.get(DEMO_ACCOUNTS.pending.email)!.memberships[0]).toMatchObject({ role: "OWNER", org: { verification: "PENDING" } });
    expect(by.get(DEMO_ACCOUNTS.platform.email)!.memberships[0]).toMatchObject({ role: "OWNER", org: { kind: "ENTERPRISE", verification: "VERIFIED" } });
  });

  it("gives every need the buckets its assignments say, and divisible stock what its live assignments hold", async () => {
    const needs = await t.db.need.findMany({
      select: {
        title: true, quantity: true, status: true, qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true, incident: { select: { status: true } },
        assignments: { select: { quantity: true, status: true } },
      },
    });
    // The app's disjoint buckets (quantities.ts): accepted/mobilised → committed → en route → on scene → completed/released.
    const bucket: Record<string, "qtyCommitted" | "qtyEnRoute" | "qtyOnScene" | "qtyReleased"> = {
      ACCEPTED: "qtyCommitted", MOBILIZED: "qtyCommitted", EN_ROUTE: "qtyEnRoute", ON_SCENE: "qtyOnScene", COMPLETED: "qtyReleased", RELEASED: "qtyReleased",
    };
    let withAssignments = 0;
    for (const n of needs) {
      const expected = { qtyCommitted: 0, qtyEnRoute: 0, qtyOnScene: 0, qtyReleased: 0 };
      for (const a of n.assignments) if (bucket[a.status]) expected[bucket[a.status]!] += a.quantity;
      if (n.assignments.length > 0) withAssignments++;
      expect({ qtyCommitted: n.qtyCommitted, qtyEnRoute: n.qtyEnRoute, qtyOnScene: n.qtyOnScene, qtyReleased: n.qtyReleased }, n.title).toEqual(expected);
      expect(n.qtyCommitted + n.qtyEnRoute + n.qtyOnScene + n.qtyReleased, n.title).toBeLessThanOrEqual(n.quantity);
      if (n.incident.status === "CLOSED") expect(["CLOSED", "CANCELLED"]).toContain(n.status);
    }
    expect(withAssignments).toBeGreaterThan(20);
    const [{ bad, holding }] = await t.db.$queryRawUnsafe<{ bad: bigint; holding: bigint }[]>(`
      SELECT count(*) FILTER (WHERE r.committed_quantity <> COALESCE(h.held, 0)) AS bad, count(*) FILTER (WHERE h.held > 0) AS holding
      FROM resource r LEFT JOIN (
        SELECT resource_id, sum(quantity) AS held FROM assignment
        WHERE unit_index IS NULL AND resource_id IS NOT NULL AND status IN ('ACCEPTED', 'MOBILIZED', 'EN_ROUTE', 'ON_SCENE')
        GROUP BY resource_id
      ) h ON h.resource_id = r.id`);
    expect(Number(bad)).toBe(0);
    expect(Number(holding)).toBeGreaterThan(0);
    // Each knight task holds one accepted offer's place.
    const [{ tasks, offers }] = await t.db.$queryRawUnsafe<{ tasks: bigint; offers: bigint }[]>(
      `SELECT (SELECT count(*) FROM assignment WHERE knight_id IS NOT NULL) AS tasks, (SELECT count(*) FROM offer WHERE status = 'ACCEPTED') AS offers`,
    );
    expect(Number(tasks)).toBeGreaterThan(0);
    expect(Number(offers)).toBe(Number(tasks));
    const [{ outside }] = await t.db.$queryRawUnsafe<{ outside: bigint }[]>(
      `SELECT count(*) AS outside FROM resource WHERE committed_quantity > total_quantity OR lat NOT BETWEEN 30.7 AND 35.2`,
    );
    expect(Number(outside)).toBe(0);
  });

  it("writes the live flood's story: a full, ordered timeline, live events to replay, and an audit chain that verifies", async () => {
    const incident = await t.db.incident.findFirstOrThrow({ where: { title: "秦淮区短时强降雨城市内涝" }, select: { id: true, createdAt: true, needs: { select: { id: true } } } });
    const needIds = incident.needs.map((n) => n.id);
    const { entries: timeline, truncated } = await incidentTimeline(t.db, incident.id, { showKnightNames: false, limit: 5000 });
    expect(truncated).toBe(false);
    expect(timeline.at(-1)).toMatchObject({ action: "incident.create", at: incident.createdAt, actorName: expect.any(String) });
    expect(timeline.filter((e) => e.action === "need.create").map((e) => e.entityId).sort()).toEqual([...needIds].sort());
    expect(timeline.some((e) => e.action === "dispatch.start")).toBe(true);
    // the whole story: offers accepted, resources en route and on scene, knights accepting and moving (unnamed here)
    const actions = new Set(timeline.map((e) => (e.action === "assignment.progress" ? `progress:${e.details.status}` : e.action)));
    for (const a of ["assignment.offer", "assignment.accept", "progress:EN_ROUTE", "progress:ON_SCENE", "knightOffer.accept", "knightTask.advance"]) expect(actions, a).toContain(a);
    expect(timeline.filter((e) => e.knight).every((e) => e.knightName === null)).toBe(true);
    for (let i = 1; i < timeline.length; i++) expect(timeline[i]!.at.getTime()).toBeLessThanOrEqual(timeline[i - 1]!.at.getTime());
    expect(timeline.every((e) => e.at <= NOW)).toBe(true);

    const live = await t.db.liveEvent.findMany({ where: { topic: `incident:${incident.id}` }, orderBy: { id: "asc" }, select: { kind: true, createdAt: true } });
    expect(live.map((e) => e.kind)).toEqual(expect.arrayContaining(["resourceOffer.updated", "dispatch.updated", "task.updated"]));
    for (let i = 1; i < live.length; i++) expect(live[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(live[i - 1]!.createdAt.getTime());

    const chain = await verifyAuditChain(t.db);
    expect(chain).toMatchObject({ ok: true });
    expect(chain.checked).toBeGreaterThan(500);
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

/** Runs after the reset above: the data are as a fresh seed leaves them. */
describe("the seeded delivery platform", () => {
  const call = (method: "GET" | "POST", path: string, key: string, body?: unknown) =>
    (method === "GET" ? GET : POST)(
      new Request(`http://localhost:3000/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  it("links its riders and its key to a verified organisation", async () => {
    const org = await t.db.organization.findFirstOrThrow({
      where: { name: DEMO_PLATFORM_SPEC.name },
      select: { id: true, nameEn: true, kind: true, verification: true, apiKeys: { select: { prefix: true, revokedAt: true } }, _count: { select: { platformRiders: true } } },
    });
    expect(org).toMatchObject({ nameEn: DEMO_PLATFORM_SPEC.nameEn, kind: "ENTERPRISE", verification: "VERIFIED", apiKeys: [{ prefix: "demoJLEX", revokedAt: null }] });
    expect(platform.riderIds.length).toBeGreaterThan(0);
    expect(org._count.platformRiders).toBe(platform.riderIds.length);
  });

  it("the printed key drives the REST API: JL-001 goes on duty next to the delivery task, is offered it once dispatch starts, and accepts", async () => {
    const rider = platform.riderIds[0]!;
    const at = platform.tryAt!;
    const duty = await call("POST", `/platform/riders/${rider}/duty`, DEMO_PLATFORM_API_KEY, { onDuty: true, ...at });
    expect(duty.status).toBe(200);
    const body = await duty.json();
    expect(body).toMatchObject({ externalRiderId: rider, onDuty: true });
    expect(findPositionLeaks(body, [at])).toEqual([]);
    expect(await (await call("GET", `/platform/riders/${rider}/offers`, DEMO_PLATFORM_API_KEY)).json()).toEqual([]);
    expect((await call("GET", "/platform/riders/JL-999/offers", DEMO_PLATFORM_API_KEY)).status).toBe(404);
    expect((await call("GET", `/platform/riders/${rider}/offers`, DEMO_PLATFORM_API_KEY.replace("Secret01", "Secret02"))).status).toBe(401);

    // The demo requester starts the 秦淮区 delivery task's dispatch, as in the README.
    const requester = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.requester.email }, select: { id: true, memberships: { select: { orgId: true } } } });
    const actor: Actor = {
      via: "session", userId: requester.id, roles: ["REQUESTER"],
      memberships: [{ orgId: requester.memberships[0]!.orgId, orgRole: "OWNER", orgKind: "GOVERNMENT", verification: "VERIFIED" }],
    };
    const need = await t.db.need.findFirstOrThrow({ where: { category: "KNIGHT", taskKind: "DELIVERY", pickupLat: { gte: at.lat - 0.001, lte: at.lat + 0.001 }, incident: { status: "ACTIVE" } }, select: { id: true } });
    await startDispatch(t.db, actor, need.id);
    const offers = await (await call("GET", `/platform/riders/${rider}/offers`, DEMO_PLATFORM_API_KEY)).json();
    expect(offers).toEqual([expect.objectContaining({ needId: need.id, status: "PENDING", distanceBand: "<1 km" })]);
    // As the README does it: a JSON body, even an empty one (the REST adapter refuses a POST without one).
    const accepted = await call("POST", `/platform/offers/${offers[0].offerId}/accept`, DEMO_PLATFORM_API_KEY, {});
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ status: "ACCEPTED", needId: need.id });
  });
});
