import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { GET, POST } from "@/app/api/v1/[...path]/route";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { DISPATCH_CONFIG } from "@/server/modules/dispatch/dispatch-config";
import { createKnight, createKnightNeed, seedDispatchFixtures, type TestKnight } from "@/server/modules/dispatch/test-fixtures";
import { findPositionLeaks } from "@/server/modules/dispatch/privacy-scan";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
const keys = { platform: "", other: "", pending: "" };
let platformOrg = "";
let r1: TestKnight;
let r2: TestKnight;
const at = { lat: 31.9, lng: 118.6 };
const riderPos = { lat: 31.90789, lng: 118.60456 };

const url = (path: string) => `http://localhost:3000/api/v1${path}`;
const post = (path: string, key: string, body: unknown = {}) =>
  POST(new Request(url(path), { method: "POST", body: JSON.stringify(body), headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } }));
const get = (path: string, key: string) => GET(new Request(url(path), { headers: { authorization: `Bearer ${key}` } }));

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
  const org = async (name: string, verification: "VERIFIED" | "PENDING") =>
    (await t.db.organization.create({
      data: { name, kind: "ENTERPRISE", verification, regionCode: "320102", contactName: "平台", contactPhone: "025-80000000", address: "南京" },
      select: { id: true },
    })).id;
  const platform = await org("闪送（测试）", "VERIFIED");
  platformOrg = platform;
  const other = await org("另一配送平台", "VERIFIED");
  const pending = await org("待审平台", "PENDING");
  const addKey = async (orgId: string) => {
    const k = generateApiKey();
    await t.db.apiKey.create({ data: { orgId, name: "platform", prefix: k.prefix, hashedKey: k.hashedKey, createdById: f.actors.admin.userId, scopes: ["catalogue:read", "platform:riders"] } });
    return k.key;
  };
  keys.platform = await addKey(platform);
  keys.other = await addKey(other);
  keys.pending = await addKey(pending);
  // Off duty with no position yet: the platform pushes both.
  r1 = await createKnight(t.db, { lat: 30, lng: 110 }, { onDuty: false, platformOrgId: platform, externalRiderId: "R-1", positionAt: new Date(Date.now() - 3_600_000) });
  r2 = await createKnight(t.db, { lat: 31.9012, lng: 118.6023 }, { platformOrgId: platform, externalRiderId: "R-2" });
  await createKnight(t.db, { lat: 31.9031, lng: 118.6011 }, { platformOrgId: pending, externalRiderId: "R-1" });
});
afterAll(async () => t.cleanup());

describe("REST v1 for delivery platforms", () => {
  it("POST /platform/riders/{id}/duty stores the exact position privately and answers with the public cell only", async () => {
    const res = await post("/platform/riders/R-1/duty", keys.platform, { onDuty: true, lat: riderPos.lat, lng: riderPos.lng });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ externalRiderId: "R-1", onDuty: true });
    expect(typeof body.publicCell).toBe("string");
    expect(findPositionLeaks(body, [riderPos])).toEqual([]);
    const row = await t.db.knightProfile.findUniqueOrThrow({ where: { id: r1.id }, select: { lastLat: true, lastLng: true, onDuty: true } });
    expect(row).toEqual({ lastLat: riderPos.lat, lastLng: riderPos.lng, onDuty: true });

    expect((await post("/platform/riders/R-1/duty", keys.other, { onDuty: true, lat: 31.9, lng: 118.6 })).status).toBe(404);
    expect((await post("/platform/riders/NOPE/duty", keys.platform, { onDuty: false })).status).toBe(404);
    expect((await post("/platform/riders/R-2/duty", keys.platform, { onDuty: true })).status).toBe(400);
    expect((await post("/platform/riders/R-1/duty", keys.pending, { onDuty: false })).status).toBe(403);
  });

  it("GET offers, then accept / decline for the platform's own riders; others get 404; a second accept is 409", async () => {
    // K = 2 → four offers: and the pending platform's rider are all within 1 km.
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 2 });
    await startDispatch(t.db, f.actors.dispatcherA, needId);
    const list1 = await get("/platform/riders/R-1/offers", keys.platform);
    expect(list1.status).toBe(200);
    const offers1 = await list1.json();
    expect(offers1).toHaveLength(1);
    expect(offers1[0]).toMatchObject({ needId, distanceBand: "<1 km", status: "PENDING", dropoff: { lat: at.lat, lng: at.lng } });
    expect(findPositionLeaks(offers1, [riderPos, r2])).toEqual([]);
    expect((await get("/platform/riders/R-1/offers", keys.other)).status).toBe(404);

    const offers2 = await (await get("/platform/riders/R-2/offers", keys.platform)).json();
    expect(offers2).toHaveLength(1);
    expect((await post(`/platform/offers/${offers1[0].offerId}/accept`, keys.other)).status).toBe(404);
    const declined = await post(`/platform/offers/${offers2[0].offerId}/decline`, keys.platform, { reason: "在送餐途中" });
    expect(declined.status).toBe(200);
    expect(await declined.json()).toMatchObject({ status: "DECLINED" });
    const ok = await post(`/platform/offers/${offers1[0].offerId}/accept`, keys.platform);
    expect(ok.status).toBe(200);
    const won = await ok.json();
    expect(won).toMatchObject({ status: "ACCEPTED", slotIndex: 0, needId });
    expect((await post(`/platform/offers/${offers1[0].offerId}/accept`, keys.platform)).status).toBe(409);
    expect(await t.db.assignment.count({ where: { needId, knightId: r1.id, status: "ACCEPTED" } })).toBe(1);
  });

  it("a rider going off duty has their pending offers withdrawn and the place passes on", async () => {
    const here = { lat: 32.6, lng: 119.2 };
    await createKnight(t.db, { lat: 32.6011, lng: 119.2013 }, { platformOrgId: platformOrg, externalRiderId: "R-3" });
    const next = await createKnight(t.db, { lat: 32.6052, lng: 119.2031 });
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: here.lat, stagingLng: here.lng, quantity: 1, maxDistanceKm: 1 });
    await startDispatch(t.db, f.actors.dispatcherA, needId, { config: { ...DISPATCH_CONFIG, offersPerSlot: 1 } });
    const [offer] = await (await get("/platform/riders/R-3/offers", keys.platform)).json();
    expect(offer).toMatchObject({ needId });
    expect(await t.db.offer.count({ where: { needId, knightId: next.id } })).toBe(0);

    const off = await post("/platform/riders/R-3/duty", keys.platform, { onDuty: false });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ onDuty: false });
    expect((await t.db.offer.findUniqueOrThrow({ where: { id: offer.offerId } })).status).toBe("WITHDRAWN");
    expect(await t.db.offer.count({ where: { needId, knightId: next.id, status: "PENDING" } })).toBe(1);
    expect(await (await get("/platform/riders/R-3/offers", keys.platform)).json()).toEqual([]);
  });

  it("GET tasks gives the rider's task with where to go, and tells the platform when the task is cancelled", async () => {
    const here = { lat: 32.3, lng: 119.4 };
    const rider = await createKnight(t.db, { lat: 32.3012, lng: 119.4021 }, { platformOrgId: platformOrg, externalRiderId: "R-4" });
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: here.lat, stagingLng: here.lng, quantity: 1 });
    await startDispatch(t.db, f.actors.dispatcherA, needId);
    expect(await (await get("/platform/riders/R-4/tasks", keys.platform)).json()).toEqual({ externalRiderId: "R-4", live: [], recent: [] });
    const [offer] = await (await get("/platform/riders/R-4/offers", keys.platform)).json();
    expect((await post(`/platform/offers/${offer.offerId}/accept`, keys.platform)).status).toBe(200);

    const res = await get("/platform/riders/R-4/tasks", keys.platform);
    expect(res.status).toBe(200);
    const tasks = await res.json();
    expect(tasks.live).toHaveLength(1);
    expect(tasks.live[0]).toMatchObject({ needId, stage: "ACCEPTED", status: "ACCEPTED", live: true, endReason: null, dropoff: { lat: here.lat, lng: here.lng } });
    expect(findPositionLeaks(tasks, [rider])).toEqual([]);
    expect((await get("/platform/riders/R-4/tasks", keys.other)).status).toBe(404);

    const dispatcher = createCallerFactory(appRouter)({ db: t.db, actor: f.actors.dispatcherA, headers: new Headers(), ip: null });
    await dispatcher.need.setStatus({ id: needId, status: "CANCELLED" });
    const after = await (await get("/platform/riders/R-4/tasks", keys.platform)).json();
    expect(after.live).toEqual([]);
    expect(after.recent[0]).toMatchObject({ needId, status: "CANCELLED", live: false, endReason: "NEED_CANCELLED" });
  });

  it("an unknown key is 401, and OpenAPI documents the five routes", async () => {
    const doc = await (await getOpenApiJson()).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/platform/riders/{externalRiderId}/duty", "/platform/riders/{externalRiderId}/offers", "/platform/riders/{externalRiderId}/tasks",
        "/platform/offers/{offerId}/accept", "/platform/offers/{offerId}/decline",
      ]),
    );
    expect((await get("/platform/riders/R-1/offers", "mk_not_a_key")).status).toBe(401);
  });
});
