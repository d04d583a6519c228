import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { countStatements } from "@/tests/helpers/count-statements";
import type { Actor } from "@/server/auth/actor-type";
import { runJobs } from "@/server/jobs/queue";
import { offerJobHandlers } from "@/server/jobs/offer-jobs";
import { acceptOffer, declineOffer, expireOffer } from "@/server/modules/offers/answer-offer";
import type { PrismaClient } from "@/server/db";
import { cancelOffer, reportProgress } from "@/server/modules/offers/report-progress";
import { offerAssignment } from "@/server/modules/offers/send-offer";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
let dispatcher: Actor, supplier: Actor, otherOrg: Actor, member: Actor;

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  ({ dispatcherA: dispatcher, supplier, memberB: otherOrg, memberA: member } = f.actors);
});
afterAll(async () => t.cleanup());

const need = (q = 1) => createNeed(t.db, f.incidentId, f.types.pump, dispatcher.userId, q);
const pump = () => createResource(t.db, f.orgs.enterprise, f.types.pump);
const status = async (id: string) => (await t.db.assignment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const committed = async (id: string) => (await t.db.need.findUniqueOrThrow({ where: { id }, select: { qtyCommitted: true } })).qtyCommitted;
const runOfferJobs = async () => {
  await t.db.job.updateMany({ where: { doneAt: null }, data: { runAt: new Date(Date.now() - 1000) } });
  return runJobs(t.db, { queues: ["offer.expire", "offer.next"], handlers: offerJobHandlers(t.db), workerId: "test" });
};

describe("offers and holds", () => {
  it("offer → accept within hold: ACCEPTED, need committed +1 exactly once, audited and notified", async () => {
    const n = await need(2);
    const r = await pump();
    await t.db.resource.update({ where: { id: r }, data: { titleEn: "Drainage pump" } });
    const a = await propose(t.db, n, r);
    const offered = await offerAssignment(t.db, dispatcher, a, { holdMinutes: 15 });
    expect(offered.status).toBe("OFFERED");
    expect(await t.db.job.count({ where: { key: `offer.expire:${a}`, doneAt: null } })).toBe(1);
    expect(await t.db.notification.count({ where: { userId: supplier.userId, kind: "offer.received" } })).toBeGreaterThan(0);
    await expect(acceptOffer(t.db, supplier, a)).resolves.toMatchObject({ status: "ACCEPTED" });
    await expect(acceptOffer(t.db, supplier, a)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await committed(n)).toBe(1);
    expect(await t.db.job.count({ where: { key: `offer.expire:${a}`, doneAt: null } })).toBe(0);
    const actions = await t.db.auditEvent.findMany({ where: { entityId: a }, select: { action: true }, orderBy: { seq: "asc" } });
    expect(actions.map((x) => x.action)).toEqual(["assignment.offer", "assignment.accept"]);
    // Both sides' notifications name the need and the resource (titles only, in both languages).
    const titles = await t.db.assignment.findUniqueOrThrow({ where: { id: a }, select: { need: { select: { title: true } }, resource: { select: { title: true } } } });
    for (const kind of ["offer.received", "offer.accepted"]) {
      const note = await t.db.notification.findFirstOrThrow({ where: { kind, payload: { path: ["assignmentId"], equals: a } }, select: { payload: true } });
      // the listing's English title rides along, so English readers see it (lib/i18n/localized-name.ts)
      expect(note.payload, kind).toMatchObject({ needTitle: titles.need.title, resourceTitle: titles.resource!.title, resourceTitleEn: "Drainage pump" });
    }
  });

  it("accept holds the resource row for few statements: what it can read first, it reads before the lock (surge drill)", async () => {
    const n = await need();
    const a = await propose(t.db, n, await pump());
    await offerAssignment(t.db, dispatcher, a, { holdMinutes: 15 });
    const { statements } = await countStatements(() => acceptOffer(t.db, supplier, a));
    const sql = statements.map((q) => q.replace(/\s+/g, " ").trim());
    const lock = sql.findIndex((q) => /FROM resource WHERE id = \$1 FOR UPDATE/.test(q));
    const commit = sql.indexOf("COMMIT");
    // the offer (one joined read) and the dispatchers to notify, before BEGIN
    expect(sql.indexOf("BEGIN")).toBe(2);
    // under the lock: accept (the status and hold checked in the UPDATE), the need's quantities, the expiry job,
    // the notification, its live event, the offer's live events, the audit row (no order nor requisition for a
    // public-good need)
    expect(sql.slice(lock + 1, commit)).toHaveLength(7);
    expect(await status(a)).toBe("ACCEPTED");
  });

  it("a paid need's accept adds its order under the lock in few statements: the quote, one joined read, the order and its journal", async () => {
    const n = await need();
    await t.db.need.update({ where: { id: n }, data: { paymentMode: "PAID", durationMinutes: 240 } });
    const r = await pump();
    await t.db.resource.update({ where: { id: r }, data: { pricingMode: "HOURLY", priceCents: 30_000 } });
    const a = await propose(t.db, n, r);
    await offerAssignment(t.db, dispatcher, a, { holdMinutes: 15 });
    const { statements } = await countStatements(() => acceptOffer(t.db, supplier, a));
    const sql = statements.map((q) => q.replace(/\s+/g, " ").trim());
    const underLock = sql.slice(sql.findIndex((q) => /FROM resource WHERE id = \$1 FOR UPDATE/.test(q)) + 1, sql.indexOf("COMMIT"));
    // the 7 of a free need, plus: the quote snapshot's read (the quote was frozen at offer time), the order's joined
    // read, the order, its journal and its entries
    expect(underLock).toHaveLength(12); // the order's read was a nested Prisma select of five statements: 16
    expect(underLock.filter((q) => /^SELECT/.test(q))).toHaveLength(2);
    expect(await t.db.order.count({ where: { assignmentId: a, status: "ACCEPTED" } })).toBe(1);
  });

  it("only the requesting org's dispatcher may offer; only the supplier org may answer", async () => {
    const a = await propose(t.db, await need(), await pump());
    await expect(offerAssignment(t.db, member, a)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(offerAssignment(t.db, supplier, a)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await offerAssignment(t.db, dispatcher, a);
    await expect(acceptOffer(t.db, otherOrg, a)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acceptOffer(t.db, dispatcher, a)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(declineOffer(t.db, otherOrg, a, "busy")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const apiKeyOther: Actor = { ...otherOrg, via: "apiKey", apiKey: { id: "k", orgId: f.orgs.govB, scopes: [] } };
    await expect(acceptOffer(t.db, apiKeyOther, a)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const apiKeySupplier: Actor = { ...supplier, via: "apiKey", roles: ["API_CLIENT"], apiKey: { id: "k2", orgId: f.orgs.enterprise, scopes: [] } };
    await expect(acceptOffer(t.db, apiKeySupplier, a)).resolves.toMatchObject({ status: "ACCEPTED" });
    expect(await status(a)).toBe("ACCEPTED");
  });

  it("accept after the hold expired is refused; the expiry job marks EXPIRED and offers the next candidate", async () => {
    const n = await need();
    const first = await propose(t.db, n, await pump(), { score: 0.9 });
    const second = await propose(t.db, n, await pump(), { score: 0.7 });
    await offerAssignment(t.db, dispatcher, first, { holdMinutes: 5 });
    await t.db.assignment.update({ where: { id: first }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptOffer(t.db, supplier, first)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/expired/) });
    expect(await committed(n)).toBe(0);
    expect(await runOfferJobs()).toBeGreaterThan(0);
    expect(await status(first)).toBe("EXPIRED");
    expect(await status(second)).toBe("OFFERED");
    await acceptOffer(t.db, supplier, second);
    expect(await committed(n)).toBe(1);
  });

  it("an expiry whose process dies before it offers the next candidate still gets it offered, exactly once (surge drill)", async () => {
    const n = await need();
    const first = await propose(t.db, n, await pump(), { score: 0.9 });
    const second = await propose(t.db, n, await pump(), { score: 0.7 });
    const third = await propose(t.db, n, await pump(), { score: 0.5 });
    await offerAssignment(t.db, dispatcher, first, { holdMinutes: 5 });
    await t.db.assignment.update({ where: { id: first }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
    // The expiry commits, then the database connection is lost before "offer the next candidate" ran
    // (a worker SIGKILLed or PostgreSQL restarted at that moment).
    const dying = new Proxy(t.db, {
      get: (target, prop, receiver) => {
        // offerNext's first read (the need's open units) goes through these
        if (prop === "need" || prop === "$queryRaw") throw new Error("Connection terminated unexpectedly");
        return Reflect.get(target, prop, receiver);
      },
    }) as PrismaClient;
    await expect(expireOffer(dying, first)).rejects.toThrow(/Connection terminated/);
    expect(await status(first)).toBe("EXPIRED");
    expect(await status(second)).toBe("PROPOSED");
    // A retry of the expiry job finds nothing left to expire; the next candidate comes from its own queued job.
    expect(await expireOffer(t.db, first)).toBe(false);
    await runOfferJobs();
    expect(await status(second)).toBe("OFFERED");
    expect(await status(third)).toBe("PROPOSED");
    expect(await t.db.job.count({ where: { key: `offer.next:${first}`, doneAt: { not: null } } })).toBe(1);
    await runOfferJobs();
    expect(await status(third)).toBe("PROPOSED");
  });

  it("never puts more units on offer than the need has open: a second proposal's row for a need already on offer is refused (surge drill)", async () => {
    const n = await need(1);
    // Two proposal runs for the same need (e.g. a retried propose whose first answer was lost in a restart).
    const first = await propose(t.db, n, await pump(), { score: 0.9 });
    const again = await propose(t.db, n, await pump(), { score: 0.8 });
    await offerAssignment(t.db, dispatcher, first, { holdMinutes: 5 });
    await expect(offerAssignment(t.db, dispatcher, again, { holdMinutes: 5 })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/open units/) });
    expect(await status(again)).toBe("PROPOSED");
    await acceptOffer(t.db, supplier, first);
    await expect(offerAssignment(t.db, dispatcher, again)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await t.db.assignment.count({ where: { needId: n, status: "OFFERED" } })).toBe(0);
  });

  it("the expiry job is a no-op for an offer answered in time", async () => {
    const a = await propose(t.db, await need(), await pump());
    await offerAssignment(t.db, dispatcher, a);
    await acceptOffer(t.db, supplier, a);
    await runOfferJobs();
    expect(await status(a)).toBe("ACCEPTED");
  });

  it("decline (reason required) → DECLINED, declinedCount +1, the job offers the next-best candidate", async () => {
    const n = await need();
    const r = await pump();
    const best = await propose(t.db, n, r, { score: 0.9 });
    const low = await propose(t.db, n, await pump(), { score: 0.2 });
    const mid = await propose(t.db, n, await pump(), { score: 0.6 });
    await offerAssignment(t.db, dispatcher, best);
    await expect(declineOffer(t.db, supplier, best, "  ")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await declineOffer(t.db, supplier, best, "设备检修中");
    expect(await status(best)).toBe("DECLINED");
    expect((await t.db.resource.findUniqueOrThrow({ where: { id: r }, select: { declinedCount: true } })).declinedCount).toBe(1);
    await runOfferJobs();
    expect(await status(mid)).toBe("OFFERED");
    expect(await status(low)).toBe("PROPOSED");
  });

  it("a unit already held over an overlapping window gives the clear CONFLICT, and the next skips it", async () => {
    const r = await pump();
    const a = await propose(t.db, await need(), r, { startHour: 1, hours: 4 });
    const b = await propose(t.db, await need(), r, { startHour: 3, hours: 4 });
    const c = await propose(t.db, await need(), r, { startHour: 5, hours: 2 });
    await offerAssignment(t.db, dispatcher, a);
    await expect(offerAssignment(t.db, dispatcher, b)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/just booked for an overlapping time/) });
    expect(await status(b)).toBe("PROPOSED");
    await expect(offerAssignment(t.db, dispatcher, c)).resolves.toMatchObject({ status: "OFFERED" });
  });

  it("lifecycle moves the need buckets; COMPLETED counts and frees; steps cannot be skipped", async () => {
    const n = await need(3);
    const r = await pump();
    const a = await propose(t.db, n, r);
    await offerAssignment(t.db, dispatcher, a);
    await acceptOffer(t.db, supplier, a);
    await expect(reportProgress(t.db, supplier, a, "ON_SCENE")).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(reportProgress(t.db, otherOrg, a, "MOBILIZED")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const q = () => t.db.need.findUniqueOrThrow({ where: { id: n }, select: { qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true } });
    await reportProgress(t.db, supplier, a, "MOBILIZED");
    expect(await q()).toEqual({ qtyCommitted: 1, qtyEnRoute: 0, qtyOnScene: 0, qtyReleased: 0 });
    await reportProgress(t.db, supplier, a, "EN_ROUTE");
    expect(await q()).toEqual({ qtyCommitted: 0, qtyEnRoute: 1, qtyOnScene: 0, qtyReleased: 0 });
    await reportProgress(t.db, supplier, a, "ON_SCENE");
    expect(await q()).toEqual({ qtyCommitted: 0, qtyEnRoute: 0, qtyOnScene: 1, qtyReleased: 0 });
    await reportProgress(t.db, supplier, a, "COMPLETED");
    expect(await q()).toEqual({ qtyCommitted: 0, qtyEnRoute: 0, qtyOnScene: 0, qtyReleased: 1 });
    await reportProgress(t.db, supplier, a, "RELEASED");
    expect(await status(a)).toBe("RELEASED");
    expect((await t.db.resource.findUniqueOrThrow({ where: { id: r }, select: { completedCount: true } })).completedCount).toBe(1);
    expect(await t.db.auditEvent.count({ where: { entityId: a, action: "assignment.progress" } })).toBe(5);
  });

  it("divisible stock: accept is bounded by the resource's uncommitted quantity; cancel gives it back", async () => {
    const depot = await createResource(t.db, f.orgs.enterprise, f.types.sandbag, 3, "沙袋");
    const n1 = await need(5);
    const x = await propose(t.db, n1, depot, { unitIndex: null, quantity: 2 });
    const y = await propose(t.db, n1, depot, { unitIndex: null, quantity: 2 });
    await offerAssignment(t.db, dispatcher, x);
    await offerAssignment(t.db, dispatcher, y);
    await acceptOffer(t.db, supplier, x);
    await expect(acceptOffer(t.db, supplier, y)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await t.db.resource.findUniqueOrThrow({ where: { id: depot }, select: { committedQuantity: true } })).committedQuantity).toBe(2);
    await cancelOffer(t.db, dispatcher, x);
    expect((await t.db.resource.findUniqueOrThrow({ where: { id: depot }, select: { committedQuantity: true } })).committedQuantity).toBe(0);
    expect(await committed(n1)).toBe(0);
    await acceptOffer(t.db, supplier, y);
    expect(await committed(n1)).toBe(2);
  });
});
