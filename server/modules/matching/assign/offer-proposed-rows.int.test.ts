import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/tests/helpers/db";
import type { PrismaClient } from "@/server/db";
import { offerProposedRows } from "@/server/modules/matching/assign/offer-proposed-rows";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

/**
 * Auto mode's offers (offer-proposed-rows.ts): every row in one transaction, a row that cannot be offered left
 * PROPOSED on its own savepoint while the others are offered, and nothing half-written.
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
  it("offers every row; a row whose unit another row books first (the overlap constraint) stays PROPOSED, with no trace", async () => {
    const needA = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
    const needB = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
    const shared = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 共用");
    const other = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 另一台");
    // two proposals for the same unit over the same window (two needs, each proposed separately), and one more
    const first = await propose(db, needA, shared);
    const clash = await propose(db, needB, shared);
    const third = await propose(db, needB, other);

    const offered = await offerProposedRows(db, f.actors.dispatcherA.userId, [first, clash, third]);

    expect([...offered].sort()).toEqual([first, third].sort());
    expect(await statusOf(first)).toBe("OFFERED");
    expect(await statusOf(clash)).toBe("PROPOSED");
    expect(await statusOf(third)).toBe("OFFERED");
    // the rolled-back row left nothing behind: no expiry job, no audit row, no notification, no count
    expect(await db.job.count({ where: { key: `offer.expire:${clash}` } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "assignment.offer", entityId: clash } })).toBe(0);
    expect(await db.notification.count({ where: { kind: "offer.received", payload: { path: ["assignmentId"], equals: clash } } })).toBe(0);
    expect(await db.job.count({ where: { key: { in: [`offer.expire:${first}`, `offer.expire:${third}`] } } })).toBe(2);
    const res = await db.resource.findUniqueOrThrow({ where: { id: shared }, select: { offeredCount: true } });
    expect(res.offeredCount).toBe(1);
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

  it("any other failure rolls back every offer of the batch", async () => {
    const need = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
    const r = await createResource(db, f.orgs.enterprise, f.types.pump, 1, "排水泵 丙");
    const row = await propose(db, need, r);
    await expect(offerProposedRows(db, f.actors.dispatcherA.userId, [row, "no-such-assignment"])).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await statusOf(row)).toBe("PROPOSED");
    expect(await offerProposedRows(db, f.actors.dispatcherA.userId, [])).toEqual(new Set());
  });
});
