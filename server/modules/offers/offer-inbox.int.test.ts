import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { listOfferInbox } from "@/server/modules/offers/offer-inbox";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

/** The supplier's inbox: whose offers, which ones, in what order, and every card field. */
let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
});
afterAll(async () => t.cleanup());

async function offer(resourceId: string, holdMinutes: number) {
  const need = await createNeed(t.db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId, 1);
  const id = await propose(t.db, need, resourceId);
  await caller(f.actors.dispatcherA).offer.send({ id, holdMinutes });
  return id;
}

describe("the offer inbox", () => {
  it("lists the organisation's live offers, soonest hold first, with every card field", async () => {
    const later = await offer(await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "泵 B"), 30);
    const sooner = await offer(await createResource(t.db, f.orgs.enterprise, f.types.pump, 1, "泵 A"), 10);
    const expired = await offer(await createResource(t.db, f.orgs.enterprise, f.types.pump), 10);
    await t.db.assignment.update({ where: { id: expired }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
    const elsewhere = await offer(await createResource(t.db, f.orgs.govB, f.types.pump), 10);

    const inbox = await listOfferInbox(t.db, f.actors.supplier, { scope: "pending" });
    const ids = inbox.map((c) => c.id);
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
    expect(ids).toContain(later);
    expect(ids).not.toContain(expired);
    expect(ids).not.toContain(elsewhere);

    const a = await t.db.assignment.findUniqueOrThrow({
      where: { id: sooner },
      include: { resource: true, need: { include: { incident: true } } },
    });
    expect(inbox.find((c) => c.id === sooner)).toEqual({
      id: sooner,
      status: "OFFERED",
      quantity: a.quantity,
      holdExpiresAt: a.holdExpiresAt,
      windowStart: a.windowStart,
      windowEnd: a.windowEnd,
      explanationZh: a.explanationZh,
      explanationEn: a.explanationEn,
      distanceKm: 1.5, // (32.06, 118.80) → (32.05, 118.79): 1.11 km north, 0.94 km east
      resource: { id: a.resource!.id, title: "泵 A", titleEn: null },
      need: {
        id: a.need.id, title: a.need.title, quantity: 1, unit: "unit", priority: a.need.priority, neededBy: a.need.neededBy,
        stagingAddress: "南京",
      },
      incident: { id: f.incidentId, title: a.need.incident.title },
      quote: null,
      orderId: null,
      requisitionNumber: null,
    });
  });

  it("shows a person's own listings to them, but not to their organisation's API key", async () => {
    const own = await createResource(t.db, f.orgs.enterprise, f.types.pump);
    await t.db.resource.update({ where: { id: own }, data: { ownerOrgId: null, ownerUserId: f.actors.supplier.userId } });
    const id = await offer(own, 10);
    expect((await listOfferInbox(t.db, f.actors.supplier, { scope: "pending" })).map((c) => c.id)).toContain(id);
    const key: Actor = { ...f.actors.supplier, via: "apiKey", apiKey: { id: "k", orgId: f.orgs.enterprise, scopes: [] } };
    expect((await listOfferInbox(t.db, key, { scope: "pending" })).map((c) => c.id)).not.toContain(id);
  });

  it("moves an accepted offer from pending to active", async () => {
    const id = await offer(await createResource(t.db, f.orgs.enterprise, f.types.pump), 10);
    await caller(f.actors.supplier).offer.accept({ id });
    expect((await listOfferInbox(t.db, f.actors.supplier, { scope: "pending" })).map((c) => c.id)).not.toContain(id);
    const active = await listOfferInbox(t.db, f.actors.supplier, { scope: "active" });
    expect(active.find((c) => c.id === id)).toMatchObject({ status: "ACCEPTED", orderId: null, requisitionNumber: null });
  });
});
