import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { matchCandidates } from "@/server/modules/matching/match-candidates";
import { submitReview, listReviews } from "@/server/modules/reviews/submit-review";
import { createNeed } from "@/server/modules/offers/test-fixtures";
import { acceptedAssignment, progress, seedCompensationFixtures } from "@/server/modules/compensation/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedCompensationFixtures>>;

beforeAll(async () => {
  t = await testDb();
  f = await seedCompensationFixtures(t.db);
});
afterAll(async () => t.cleanup());

describe("reviews after release", () => {
  it("the requester's review moves the resource's rating in the same transaction, and the match score's reliability part with it", async () => {
    const { assignmentId, resourceId } = await acceptedAssignment(t.db, f, "PUBLIC_GOOD");
    const review = { assignmentId, side: "REQUESTER" as const, punctuality: 1, condition: 2, cooperation: 1, comment: "迟到两小时" };
    await expect(submitReview(t.db, f.actors.dispatcherA, review)).rejects.toMatchObject({ code: "CONFLICT" }); // not released yet
    await progress(t.db, f.actors.supplier, assignmentId, ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]);

    // The pump is free again: a new need for the same type ranks it.
    const need = await createNeed(t.db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId, 1);
    const score = async () => (await matchCandidates(t.db, f.actors.dispatcherA, { id: need })).candidates.find((c) => c.resourceId === resourceId)!;
    const before = await score();

    await expect(submitReview(t.db, f.actors.supplier, review)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const r = await submitReview(t.db, f.actors.dispatcherA, review);
    expect(r).toMatchObject({ side: "REQUESTER", rating: 1, punctuality: 1, condition: 2, cooperation: 1 });
    expect(await t.db.resource.findUniqueOrThrow({ where: { id: resourceId }, select: { ratingAvg: true, ratingCount: true } })).toEqual({ ratingAvg: 1, ratingCount: 1 });
    const after = await score();
    expect(after.breakdown.reliability.value).toBeLessThan(before.breakdown.reliability.value);
    expect(after.score).toBeLessThan(before.score);

    await expect(submitReview(t.db, f.actors.dispatcherA, { ...review, punctuality: 5 })).rejects.toMatchObject({ code: "CONFLICT" });
    // a second, good review from another release averages in
    const second = await acceptedAssignment(t.db, f, "PUBLIC_GOOD", 50);
    await t.db.assignment.update({ where: { id: second.assignmentId }, data: { resourceId } });
    await progress(t.db, f.actors.supplier, second.assignmentId, ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]);
    await submitReview(t.db, f.actors.dispatcherA, { assignmentId: second.assignmentId, side: "REQUESTER", punctuality: 5, condition: 5, cooperation: 4 });
    expect(await t.db.resource.findUniqueOrThrow({ where: { id: resourceId }, select: { ratingAvg: true, ratingCount: true } })).toEqual({ ratingAvg: 3, ratingCount: 2 });
    expect((await score()).breakdown.reliability.value).toBeGreaterThan(after.breakdown.reliability.value);
  });

  it("the supplier may rate the requester once; it does not touch the resource rating; outsiders see nothing", async () => {
    const { assignmentId, resourceId } = await acceptedAssignment(t.db, f, "PUBLIC_GOOD", 70);
    await progress(t.db, f.actors.supplier, assignmentId, ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]);
    await expect(submitReview(t.db, f.actors.dispatcherA, { assignmentId, side: "SUPPLIER", rating: 5 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await submitReview(t.db, f.actors.supplier, { assignmentId, side: "SUPPLIER", rating: 4, comment: "对接顺畅" });
    await expect(submitReview(t.db, f.actors.supplier, { assignmentId, side: "SUPPLIER", rating: 2 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await t.db.resource.findUniqueOrThrow({ where: { id: resourceId }, select: { ratingCount: true } })).toEqual({ ratingCount: 0 });
    expect((await listReviews(t.db, f.actors.dispatcherA, assignmentId)).map((x) => [x.side, x.rating])).toEqual([["SUPPLIER", 4]]);
    await expect(listReviews(t.db, f.actors.memberB, assignmentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submitReview(t.db, f.supplier2, { assignmentId, side: "SUPPLIER", rating: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
