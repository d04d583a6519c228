import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createRateCard } from "@/server/modules/compensation/rate-cards";
import { confirmEvidence } from "@/server/modules/compensation/requisitions";
import { assembleClaim, decideLine, fileClaim } from "@/server/modules/compensation/claims";
import { acceptedAssignment, pinLifecycle, progress, seedCompensationFixtures } from "@/server/modules/compensation/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedCompensationFixtures>>;

beforeAll(async () => {
  t = await testDb();
  f = await seedCompensationFixtures(t.db);
  await createRateCard(t.db, f.actors.admin, { typeId: f.types.pump, rentUnit: "DAY", rentCents: 50_000, operatorCentsPerHour: 0, fuelCentsPerKm: 0, effectiveFrom: new Date("2026-01-01T00:00:00Z") });
});
afterAll(async () => t.cleanup());

describe("concurrent requests on one claim", () => {
  it("assembling three times at once makes one claim; approving one line three times at once posts one journal", async () => {
    const { supplier, dispatcherA } = f.actors;
    const { assignmentId: a } = await acceptedAssignment(t.db, f);
    await progress(t.db, supplier, a, ["MOBILIZED"]);
    for (const who of [supplier, dispatcherA]) await confirmEvidence(t.db, who, { assignmentId: a, stage: "HANDOVER" });
    await progress(t.db, supplier, a, ["EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]);
    await pinLifecycle(t.db, a);
    for (const who of [supplier, dispatcherA]) await confirmEvidence(t.db, who, { assignmentId: a, stage: "RETURN" });

    const claims = await Promise.all([1, 2, 3].map(() => assembleClaim(t.db, supplier, a)));
    expect(new Set(claims.map((c) => c.id)).size).toBe(1);
    expect(await t.db.claimLine.count({ where: { claimId: claims[0]!.id } })).toBe(2); // 1 day rent (4 h), standby
    await fileClaim(t.db, supplier, claims[0]!.id);
    const rent = claims[0]!.lines.find((l) => l.kind === "RENT")!;
    expect(rent.amountCents).toBe(50_000);
    const results = await Promise.allSettled([1, 2, 3].map(() => decideLine(t.db, dispatcherA, { lineId: rent.id, decision: "APPROVE" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CONFLICT", "CONFLICT"]);
    expect(await t.db.ledgerJournal.count({ where: { kind: "compensation.approved" } })).toBe(1);
    const sum = await t.db.ledgerEntry.aggregate({ where: { account: "compensation_payable", orgId: f.orgs.enterprise }, _sum: { creditCents: true, debitCents: true } });
    expect((sum._sum.creditCents ?? 0) - (sum._sum.debitCents ?? 0)).toBe(50_000);
  });
});
