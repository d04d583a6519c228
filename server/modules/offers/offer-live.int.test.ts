import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { LiveHub, type LiveEvent } from "@/server/modules/live/live-hub";
import { openLiveStream } from "@/server/modules/live/live-stream";
import { liveTopics } from "@/server/modules/live/live-topics";
import { acceptOffer, declineOffer, expireOffer } from "@/server/modules/offers/answer-offer";
import { RESOURCE_OFFER_EVENT } from "@/lib/schemas/live";
import { cancelOffer, reportProgress } from "@/server/modules/offers/report-progress";
import { offerAssignment } from "@/server/modules/offers/send-offer";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

let t: TestDatabase;
let hub: LiveHub;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
let dispatcher: Actor, supplier: Actor, expert: Actor;
let needId: string;
const ids = { booked: "", declined: "", expired: "", withdrawn: "", proposalOnly: "", expert: "" };
const REASON = "本周设备检修，请联系 139-0000-9999";

const eventsOf = async (assignmentId: string) =>
  (await t.db.liveEvent.findMany({ where: { kind: RESOURCE_OFFER_EVENT }, orderBy: { id: "asc" }, select: { topic: true, data: true } })).filter(
    (e) => (e.data as { assignmentId?: string }).assignmentId === assignmentId,
  );
const statusesOn = (events: { topic: string; data: unknown }[], topic: string) =>
  events.filter((e) => e.topic === topic).map((e) => (e.data as { status: string }).status);

beforeAll(async () => {
  t = await testDb();
  hub = new LiveHub({ url: t.url, log: () => {} });
  f = await seedOfferFixtures(t.db);
  ({ dispatcherA: dispatcher, supplier } = f.actors);
  needId = await createNeed(t.db, f.incidentId, f.types.pump, dispatcher.userId, 5);
  const pump = () => createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "排水泵 华力 7 号");

  ids.booked = await propose(t.db, needId, await pump());
  await offerAssignment(t.db, dispatcher, ids.booked);
  await acceptOffer(t.db, supplier, ids.booked);
  for (const step of ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"] as const) await reportProgress(t.db, supplier, ids.booked, step);

  ids.declined = await propose(t.db, needId, await pump());
  await offerAssignment(t.db, dispatcher, ids.declined);
  await declineOffer(t.db, supplier, ids.declined, REASON);

  ids.expired = await propose(t.db, needId, await pump());
  await offerAssignment(t.db, dispatcher, ids.expired, { holdMinutes: 1 });
  await t.db.assignment.update({ where: { id: ids.expired }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
  await expireOffer(t.db, ids.expired);

  ids.withdrawn = await propose(t.db, needId, await pump());
  await offerAssignment(t.db, dispatcher, ids.withdrawn);
  await cancelOffer(t.db, dispatcher, ids.withdrawn);

  ids.proposalOnly = await propose(t.db, needId, await pump());
  await cancelOffer(t.db, dispatcher, ids.proposalOnly);

  // an individual expert's listing: the expert hears on their own user topic
  const user = await t.db.user.create({ data: { email: "hydro@expert.test", name: "钱水文", kind: "EXPERT" }, select: { id: true } });
  expert = { via: "session", userId: user.id, roles: ["EXPERT"], memberships: [] };
  const res = await t.db.resource.create({
    data: {
      typeId: f.types.pump, ownerUserId: user.id, title: "个人水泵", totalQuantity: 1, unit: "unit", lat: 32.06, lng: 118.8, address: "南京",
      regionCode: "320102", travelRange: "CITY", maxTravelKm: 100, mobilizationMinutes: 30, status: "AVAILABLE",
    },
    select: { id: true },
  });
  ids.expert = await propose(t.db, needId, res.id);
  await offerAssignment(t.db, dispatcher, ids.expert);
});
afterAll(async () => {
  await hub.stop();
  await t.cleanup();
});

const supplierTopic = () => liveTopics.supplier(f.orgs.enterprise);
const demandTopics = () => [liveTopics.need(needId), liveTopics.incident(f.incidentId)];

describe("live events for resource offers", () => {
  it("every change reaches the supplier organisation, the need and the incident, in order", async () => {
    const expected: [string, string[]][] = [
      [ids.booked, ["OFFERED", "ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]],
      [ids.declined, ["OFFERED", "DECLINED"]],
      [ids.expired, ["OFFERED", "EXPIRED"]],
      [ids.withdrawn, ["OFFERED", "CANCELLED"]],
    ];
    for (const [id, statuses] of expected) {
      const events = await eventsOf(id);
      for (const topic of [supplierTopic(), ...demandTopics()]) expect(statusesOn(events, topic)).toEqual(statuses);
      expect(new Set(events.map((e) => e.topic))).toEqual(new Set([supplierTopic(), ...demandTopics()]));
    }
    const offered = (await eventsOf(ids.booked))[0]!.data as { holdExpiresAt: string | null; needId: string; incidentId: string; quantity: number };
    expect(offered).toMatchObject({ needId, incidentId: f.incidentId, quantity: 1 });
    expect(Date.parse(offered.holdExpiresAt!)).toBeGreaterThan(Date.now());
    // withdrawing a mere proposal is not an offer event
    expect(await eventsOf(ids.proposalOnly)).toEqual([]);
    // the expert's own topic, not an organisation's
    const ex = await eventsOf(ids.expert);
    expect(ex.map((e) => e.topic).sort()).toEqual([liveTopics.user(expert.userId), ...demandTopics()].sort());
  });

  it("carry ids, status and quantity only — no contact data, names, places or the decline reason", async () => {
    const all = await t.db.liveEvent.findMany({ where: { kind: RESOURCE_OFFER_EVENT }, select: { data: true } });
    expect(all.length).toBeGreaterThan(20);
    const org = await t.db.organization.findUniqueOrThrow({ where: { id: f.orgs.enterprise }, select: { name: true, contactName: true, contactPhone: true, address: true } });
    const secrets = [org.name, org.contactName!, org.contactPhone!, "s@ent.test", "周供应", "hydro@expert.test", "钱水文", "排水泵 华力 7 号", "个人水泵", REASON, "139-0000-9999"];
    for (const e of all) {
      expect(Object.keys(e.data as object).sort()).toEqual(["assignmentId", "holdExpiresAt", "incidentId", "needId", "quantity", "status"]);
      const text = JSON.stringify(e.data);
      for (const s of secrets) expect(text).not.toContain(s);
    }
  });

  it("a refused change publishes nothing (the event is in the same transaction)", async () => {
    const before = await t.db.liveEvent.count({ where: { kind: RESOURCE_OFFER_EVENT } });
    await expect(acceptOffer(t.db, supplier, ids.declined)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(reportProgress(t.db, supplier, ids.withdrawn, "MOBILIZED")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await expireOffer(t.db, ids.booked)).toBe(false);
    expect(await t.db.liveEvent.count({ where: { kind: RESOURCE_OFFER_EVENT } })).toBe(before);
  });

  it("the supplier's members receive them over the stream; another organisation's user may not subscribe", async () => {
    const ac = new AbortController();
    const stream = await openLiveStream(t.db, hub, supplier, { topics: [supplierTopic()], lastEventId: "0" }, ac.signal);
    const total = await t.db.liveEvent.count({ where: { topic: supplierTopic() } });
    const got: LiveEvent[] = [];
    for await (const e of stream) {
      got.push(e);
      if (got.length >= total) break;
    }
    ac.abort();
    expect(got.filter((e) => e.data.assignmentId === ids.booked).map((e) => e.data.status)).toEqual(["OFFERED", "ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]);

    for (const outsider of [f.actors.memberB, f.actors.dispatcherA, f.actors.admin, expert]) {
      await expect(openLiveStream(t.db, hub, outsider, { topics: [supplierTopic()] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // the requester follows the need and incident topics as before
    const ac2 = new AbortController();
    await expect(openLiveStream(t.db, hub, f.actors.memberA, { topics: demandTopics() }, ac2.signal)).resolves.toBeDefined();
    ac2.abort();
  });
});
