import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/tests/helpers/db";
import type { PrismaClient } from "@/server/db";
import { offerProposedRows } from "@/server/modules/matching/assign/offer-proposed-rows";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

/**
 * Auto mode's offers (offer-proposed-rows.ts): rows offered side by side, each in its own transaction, a row that
 * cannot be offered left PROPOSED while the others are offered, and nothing half-written.
 */

let db: PrismaClient;
let cleanup: () => Promise<void>;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;

beforeAll(async () => {
  ({ db, cleanup } = await testDb());
  f = await seedOfferFixtures(db);
});
afterAll(async () => cleanup());

const statusOf = async (id: string) => (await db.assignment.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

describe("offerProposedRows", () => {
  it("offers every row; of two rows for the same unit (side by side) one is offered, the other stays PROPOSED with no trace", async () => {
    const needA = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
    const needB = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId, 2);
    const shared = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 共用");
    const other = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 另一台");
    // two proposals for the same unit over the same window (each need proposed separately), and one more
    const forA = await propose(db, needA, shared);
    const forB = await propose(db, needB, shared);
    const third = await propose(db, needB, other);

    const offered = await offerProposedRows(db, f.actors.dispatcherA.userId, [forA, forB, third]);

    expect(offered.has(third)).toBe(true);
    expect(offered.size).toBe(2);
    const [won, lost] = offered.has(forA) ? [forA, forB] : [forB, forA];
    expect(offered.has(won) && !offered.has(lost)).toBe(true);
    expect(await statusOf(won)).toBe("OFFERED");
    expect(await statusOf(lost)).toBe("PROPOSED");
    expect(await statusOf(third)).toBe("OFFERED");
    // the rolled-back row left nothing behind: no expiry job, no audit row, no notification, no count
    expect(await db.job.count({ where: { key: `offer.expire:${lost}` } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "assignment.offer", entityId: lost } })).toBe(0);
    expect(await db.notification.count({ where: { kind: "offer.received", payload: { path: ["assignmentId"], equals: lost } } })).toBe(0);
    expect(await db.job.count({ where: { key: { in: [`offer.expire:${won}`, `offer.expire:${third}`] } } })).toBe(2);
    const res = await db.resource.findUniqueOrThrow({ where: { id: shared }, select: { offeredCount: true } });
    expect(res.offeredCount).toBe(1);
  });

  it("two rows for a need with one open unit: one is offered, the other is a CONFLICT left PROPOSED", async () => {
    const need = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
    const r1 = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 丁");
    const r2 = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 戊");
    const a = await propose(db, need, r1);
    const b = await propose(db, need, r2);
    const offered = await offerProposedRows(db, f.actors.dispatcherA.userId, [a, b]);
    expect(offered.size).toBe(1);
    const [lost, lostResource] = offered.has(a) ? [b, r2] : [a, r1];
    expect(await statusOf(lost)).toBe("PROPOSED");
    expect(await db.resource.findUniqueOrThrow({ where: { id: lostResource }, select: { offeredCount: true } })).toEqual({ offeredCount: 0 });
  });

  it("a row that is no longer PROPOSED (already offered by hand) is a CONFLICT left as it is", async () => {
    const need = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId, 2);
    const r1 = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 甲");
    const r2 = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 乙");
    const done = await propose(db, need, r1, { status: "OFFERED", holdExpiresAt: new Date(Date.now() + 600_000) });
    const open = await propose(db, need, r2);
    const offered = await offerProposedRows(db, f.actors.dispatcherA.userId, [done, open]);
    expect([...offered]).toEqual([open]);
    expect(await statusOf(done)).toBe("OFFERED");
    expect(await db.auditEvent.count({ where: { action: "assignment.offer", entityId: done } })).toBe(0);
  });

  it("an unknown row fails the call before anything is offered", async () => {
    const need = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
    const r = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 丙");
    const row = await propose(db, need, r);
    await expect(offerProposedRows(db, f.actors.dispatcherA.userId, [row, "no-such-assignment"])).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await statusOf(row)).toBe("PROPOSED");
    expect(await offerProposedRows(db, f.actors.dispatcherA.userId, [])).toEqual(new Set());
  });
});
