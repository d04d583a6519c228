import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { assertCanSubscribe, canSubscribe } from "@/server/modules/live/can-subscribe";
import { liveTopics } from "@/server/modules/live/live-topics";
import { myLiveTopics } from "@/server/modules/live/my-live-topics";
import { endsTask } from "@/server/modules/live/live-stream";
import { createNeed, createResource, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
const knights: Record<"one" | "two", { actor: Actor; profileId: string }> = {} as never;
let needA: string;
let incidentB: string;
const tasks: Record<"accepted" | "enRoute" | "completed" | "offered" | "resource", string> = {} as never;

async function knight(email: string) {
  const user = await t.db.user.create({ data: { email, name: email, kind: "KNIGHT" }, select: { id: true } });
  const p = await t.db.knightProfile.create({
    data: { userId: user.id, vehicle: "EBIKE", payloadKg: 20, homeDistrictCode: "320102", onDuty: true, lastLat: 32.05, lastLng: 118.8 },
    select: { id: true },
  });
  return { actor: { via: "session", userId: user.id, roles: ["KNIGHT"], memberships: [] } as Actor, profileId: p.id };
}

async function task(knightId: string | null, status: "ACCEPTED" | "EN_ROUTE" | "COMPLETED" | "OFFERED", hour: number) {
  const start = Date.now() + hour * 3600_000;
  // knightId null: a supplier resource's assignment (no knight, so nothing to track).
  const target = knightId ? { knightId, unitIndex: null } : { resourceId: await createResource(t.db, f.orgs.enterprise, f.types.pump), unitIndex: 0 };
  const a = await t.db.assignment.create({
    data: { needId: needA, ...target, status, windowStart: new Date(start), windowEnd: new Date(start + 3600_000) },
    select: { id: true },
  });
  return a.id;
}

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  knights.one = await knight("k1@knight.test");
  knights.two = await knight("k2@knight.test");
  needA = await createNeed(t.db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
  incidentB = (
    await t.db.incident.create({
      data: { orgId: f.orgs.govB, createdById: f.actors.memberB.userId, title: "B", kind: "FLOOD", severity: "IV", status: "ACTIVE", lat: 31.5, lng: 120.3, address: "无锡", regionCode: "320102" },
      select: { id: true },
    })
  ).id;
  tasks.accepted = await task(knights.one.profileId, "ACCEPTED", 1);
  tasks.enRoute = await task(knights.one.profileId, "EN_ROUTE", 3);
  tasks.completed = await task(knights.one.profileId, "COMPLETED", 5);
  tasks.offered = await task(knights.one.profileId, "OFFERED", 7);
  tasks.resource = await task(null, "ACCEPTED", 9);
});
afterAll(async () => t.cleanup());

const ALL_SCOPES = ["catalogue:read", "listings:read", "listings:write", "incidents:read", "incidents:write", "match:read", "offers:respond", "platform:riders"];
const apiKeyActor = (base: Actor, orgId: string, scopes = ALL_SCOPES): Actor => ({ ...base, via: "apiKey", roles: ["API_CLIENT"], apiKey: { id: "key", orgId, scopes } });

describe("canSubscribe (deny by default)", () => {
  it("knight topic: only the knight's own user", async () => {
    const own = liveTopics.knight(knights.one.profileId);
    expect(await canSubscribe(t.db, knights.one.actor, own)).toBe(true);
    expect(await canSubscribe(t.db, knights.two.actor, own)).toBe(false);
    expect(await canSubscribe(t.db, f.actors.admin, own)).toBe(false);
    expect(await canSubscribe(t.db, f.actors.dispatcherA, own)).toBe(false);
    expect(await canSubscribe(t.db, knights.one.actor, liveTopics.knight("no-such-profile"))).toBe(false);
    await expect(assertCanSubscribe(t.db, knights.two.actor, [liveTopics.knight(knights.two.profileId), own])).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("user topic: only that user, never through an API key", async () => {
    const mine = liveTopics.user(f.actors.memberA.userId);
    expect(await canSubscribe(t.db, f.actors.memberA, mine)).toBe(true);
    expect(await canSubscribe(t.db, f.actors.memberB, mine)).toBe(false);
    expect(await canSubscribe(t.db, f.actors.admin, mine)).toBe(false);
    expect(await canSubscribe(t.db, apiKeyActor(f.actors.memberA, f.orgs.govA), mine)).toBe(false);
  });

  it("need and incident topics: admins and readers of the requesting organisation", async () => {
    for (const topic of [liveTopics.need(needA), liveTopics.incident(f.incidentId)]) {
      expect(await canSubscribe(t.db, f.actors.memberA, topic)).toBe(true);
      expect(await canSubscribe(t.db, f.actors.dispatcherA, topic)).toBe(true);
      expect(await canSubscribe(t.db, f.actors.admin, topic)).toBe(true);
      expect(await canSubscribe(t.db, apiKeyActor(f.actors.memberA, f.orgs.govA), topic)).toBe(true);
      // its key needs incidents:read
      expect(await canSubscribe(t.db, apiKeyActor(f.actors.memberA, f.orgs.govA, ["incidents:write", "match:read"]), topic)).toBe(false);
      expect(await canSubscribe(t.db, f.actors.memberB, topic)).toBe(false);
      expect(await canSubscribe(t.db, f.actors.supplier, topic)).toBe(false);
      expect(await canSubscribe(t.db, knights.one.actor, topic)).toBe(false);
      expect(await canSubscribe(t.db, apiKeyActor(f.actors.memberB, f.orgs.govB), topic)).toBe(false);
    }
    expect(await canSubscribe(t.db, f.actors.memberB, liveTopics.incident(incidentB))).toBe(true);
    expect(await canSubscribe(t.db, f.actors.memberA, liveTopics.incident(incidentB))).toBe(false);
    expect(await canSubscribe(t.db, f.actors.admin, liveTopics.need("missing"))).toBe(false);
  });

  it("task track: the incident's organisation and admins, only while the knight's task is live", async () => {
    for (const live of [tasks.accepted, tasks.enRoute]) {
      const topic = liveTopics.taskTrack(live);
      expect(await canSubscribe(t.db, f.actors.dispatcherA, topic)).toBe(true);
      expect(await canSubscribe(t.db, f.actors.admin, topic)).toBe(true);
      expect(await canSubscribe(t.db, f.actors.memberB, topic)).toBe(false); // requester of another org
      expect(await canSubscribe(t.db, f.actors.supplier, topic)).toBe(false);
      expect(await canSubscribe(t.db, knights.two.actor, topic)).toBe(false);
    }
    await expect(assertCanSubscribe(t.db, f.actors.memberB, [liveTopics.taskTrack(tasks.accepted)])).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const ended of [tasks.completed, tasks.offered, tasks.resource, "missing"]) {
      expect(await canSubscribe(t.db, f.actors.dispatcherA, liveTopics.taskTrack(ended))).toBe(false);
      expect(await canSubscribe(t.db, f.actors.admin, liveTopics.taskTrack(ended))).toBe(false);
    }
  });

  it("supplier topic: members of that organisation and its API key; nobody else, admins included", async () => {
    const other = await t.db.organization.create({
      data: { name: "另一家装备公司", kind: "ENTERPRISE", verification: "VERIFIED", regionCode: "320102", contactName: "联系人", contactPhone: "025-84000001", address: "南京" },
      select: { id: true },
    });
    const otherUser = await t.db.user.create({ data: { email: "s2@ent2.test", name: "吴供应", kind: "SUPPLIER" }, select: { id: true } });
    await t.db.membership.create({ data: { userId: otherUser.id, orgId: other.id, role: "OWNER" } });
    const otherSupplier: Actor = { via: "session", userId: otherUser.id, roles: ["SUPPLIER"], memberships: [{ orgId: other.id, orgRole: "OWNER", orgKind: "ENTERPRISE", verification: "VERIFIED" }] };

    const topic = liveTopics.supplier(f.orgs.enterprise);
    expect(topic).toBe(`supplier:${f.orgs.enterprise}`);
    expect(await canSubscribe(t.db, f.actors.supplier, topic)).toBe(true);
    expect(await canSubscribe(t.db, apiKeyActor(f.actors.supplier, f.orgs.enterprise), topic)).toBe(true);
    expect(await canSubscribe(t.db, apiKeyActor(f.actors.supplier, f.orgs.enterprise, ["listings:write"]), topic)).toBe(false); // needs offers:respond
    expect(await canSubscribe(t.db, otherSupplier, topic)).toBe(false);
    expect(await canSubscribe(t.db, apiKeyActor(otherSupplier, other.id), topic)).toBe(false);
    // an API key acts for its own organisation only, even when its creator is a member here
    expect(await canSubscribe(t.db, apiKeyActor(f.actors.supplier, f.orgs.govA), topic)).toBe(false);
    for (const outsider of [f.actors.admin, f.actors.dispatcherA, f.actors.memberB, knights.one.actor]) {
      expect(await canSubscribe(t.db, outsider, topic)).toBe(false);
    }
    expect(await canSubscribe(t.db, otherSupplier, liveTopics.supplier(other.id))).toBe(true);
    expect(await canSubscribe(t.db, f.actors.supplier, "supplier:")).toBe(false);
    await expect(assertCanSubscribe(t.db, otherSupplier, [liveTopics.supplier(other.id), topic])).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("command topic: platform admins only; unknown topics: nobody", async () => {
    expect(await canSubscribe(t.db, f.actors.admin, liveTopics.command())).toBe(true);
    expect(await canSubscribe(t.db, f.actors.dispatcherA, liveTopics.command())).toBe(false);
    expect(await canSubscribe(t.db, knights.one.actor, liveTopics.command())).toBe(false);
    expect(await canSubscribe(t.db, apiKeyActor(f.actors.admin, f.orgs.govA), liveTopics.command())).toBe(false);
    for (const bogus of ["", "bogus", "bogus:1", "knight:", "track:", "command:x", "*"]) {
      expect(await canSubscribe(t.db, f.actors.admin, bogus)).toBe(false);
    }
    await expect(assertCanSubscribe(t.db, f.actors.admin, ["bogus:1"])).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("myLiveTopics returns only topics the caller may follow", async () => {
    const cases: Actor[] = [knights.one.actor, f.actors.memberA, f.actors.admin, f.actors.memberB, f.actors.supplier];
    for (const actor of cases) {
      const { topics } = await myLiveTopics(t.db, actor);
      expect(topics.length).toBeGreaterThan(0);
      for (const topic of topics) expect(await canSubscribe(t.db, actor, topic)).toBe(true);
    }
    expect((await myLiveTopics(t.db, knights.one.actor)).topics).toEqual([liveTopics.user(knights.one.actor.userId), liveTopics.knight(knights.one.profileId)]);
    expect((await myLiveTopics(t.db, f.actors.memberA)).topics).toContain(liveTopics.incident(f.incidentId));
    expect((await myLiveTopics(t.db, f.actors.memberB)).topics).not.toContain(liveTopics.incident(f.incidentId));
    expect((await myLiveTopics(t.db, f.actors.supplier)).topics).toEqual([liveTopics.user(f.actors.supplier.userId), liveTopics.supplier(f.orgs.enterprise)]);
    // requesters' government organisations list no resources: no supplier topic for them
    expect((await myLiveTopics(t.db, f.actors.memberA)).topics.some((x) => x.startsWith("supplier:"))).toBe(false);
  });

  it("recognises the events that end a task", () => {
    expect(endsTask({ kind: "task.cancelled", data: {} })).toBe(true);
    expect(endsTask({ kind: "task.updated", data: { stage: "COMPLETED" } })).toBe(true);
    expect(endsTask({ kind: "task.updated", data: { stage: "EN_ROUTE" } })).toBe(false);
    expect(endsTask({ kind: "track.position", data: { stage: "COMPLETED" } })).toBe(false);
  });
});
