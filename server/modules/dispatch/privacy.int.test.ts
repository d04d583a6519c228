import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { createKnight, createKnightNeed, seedDispatchFixtures, type TestKnight } from "@/server/modules/dispatch/test-fixtures";
import { findPositionLeaks } from "@/server/modules/dispatch/privacy-scan";

/**
 * Privacy: no knight-facing or requester-facing answer, and no live event outside the dispatcher-only
 * track topics, carries a knight's exact position or an exact distance. Only the dispatcher board shows
 * the exact position, and only of knights on that need's live accepted tasks. Every response is scanned
 * as JSON (keys and values) against the knights' real coordinates.
 */
let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedDispatchFixtures>>;
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });
const json = (v: unknown) => superjson.serialize(v).json;
const at = { lat: 32.4, lng: 118.3 };
let ks: TestKnight[];

beforeAll(async () => {
  t = await testDb();
  f = await seedDispatchFixtures(t.db);
  ks = [];
  // Distinct, irregular coordinates so a leaked value cannot be confused with a task point.
  for (let i = 0; i < 6; i++) ks.push(await createKnight(t.db, { lat: at.lat + 0.00311 * (i + 1) + 0.0000123, lng: at.lng + 0.00227 * (i + 1) + 0.0000457 }));
});
afterAll(async () => t.cleanup());

describe("knight position privacy", () => {
  it("every knight-facing and requester-facing response, and every non-track live event, is free of exact positions and distances", async () => {
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 2 });
    const responses: [string, unknown][] = [];
    responses.push(["dispatch.start", await caller(f.actors.dispatcherA).dispatch.start({ needId })]);
    for (const k of ks) responses.push([`knightOffer.list ${k.id}`, await caller(k.actor).knightOffer.list()]);
    const offersOf = async (k: TestKnight) => caller(k.actor).knightOffer.list();
    const first = (await offersOf(ks[0]!))[0]!;
    const accepted = await caller(ks[0]!.actor).knightOffer.accept({ offerId: first.offerId });
    responses.push(["knightOffer.accept", accepted]);
    responses.push(["knightOffer.decline", await caller(ks[1]!.actor).knightOffer.decline({ offerId: (await offersOf(ks[1]!))[0]!.offerId, reason: "no" })]);
    responses.push(["need.get", await caller(f.actors.memberA).need.get({ id: needId })]);
    responses.push(["incident.get", await caller(f.actors.memberA).incident.get({ id: f.incidentId })]);
    responses.push(["dispatch.hazard.list", await caller(f.actors.memberA).dispatch.hazard.list({ incidentId: f.incidentId })]);
    for (const k of ks) responses.push([`knightOffer.list after ${k.id}`, await caller(k.actor).knightOffer.list()]);
    const refusal = await caller(ks[0]!.actor).knightOffer.accept({ offerId: first.offerId }).catch((e: unknown) => ({ message: String((e as Error).message) }));
    responses.push(["refusal", refusal]);

    expect(responses.length).toBeGreaterThan(10);
    for (const [name, body] of responses) expect({ name, leaks: findPositionLeaks(json(body), ks) }).toEqual({ name, leaks: [] });

    const events = await t.db.liveEvent.findMany({ select: { topic: true, kind: true, data: true } });
    const untracked = events.filter((e) => !e.topic.startsWith("track:"));
    expect(untracked.some((e) => e.kind === "offer.new")).toBe(true);
    expect(untracked.some((e) => e.kind === "dispatch.updated" && e.topic === "command")).toBe(true);
    for (const e of untracked) expect({ topic: e.topic, kind: e.kind, leaks: findPositionLeaks(e.data, ks) }).toEqual({ topic: e.topic, kind: e.kind, leaks: [] });

    // The scanner itself must see a leak when there is one.
    expect(findPositionLeaks({ a: { lastLat: 1 } }, [])).toHaveLength(1);
    expect(findPositionLeaks({ p: [ks[2]!.lng] }, ks)).toHaveLength(1);
  });

  it("the dispatcher board shows the exact position only of knights on this need's live accepted tasks, and only to its dispatchers", async () => {
    const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 3 });
    await caller(f.actors.dispatcherA).dispatch.start({ needId });
    const mine = async (k: TestKnight) => (await caller(k.actor).knightOffer.list()).find((o) => o.needId === needId);
    const candidates: TestKnight[] = [];
    for (const k of ks) if (await mine(k)) candidates.push(k);
    const [winner, ...others] = candidates;
    const res = await caller(winner!.actor).knightOffer.accept({ offerId: (await mine(winner!))!.offerId });

    const board = await caller(f.actors.dispatcherA).dispatch.board({ needId });
    const entry = board.accepted.find((a) => a.assignmentId === res.assignmentId)!;
    expect(entry.position).toMatchObject({ lat: winner!.lat, lng: winner!.lng });
    const { accepted, ...rest } = board;
    expect(findPositionLeaks(json(rest), ks)).toEqual([]);
    expect(findPositionLeaks(json(accepted.map(({ position: _p, ...a }) => a)), ks)).toEqual([]);
    expect(findPositionLeaks(json(board), others)).toEqual([]);
    expect(board.offers.ACCEPTED).toBe(1);

    await expect(caller(f.actors.memberB).dispatch.board({ needId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(winner!.actor).dispatch.board({ needId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(f.actors.supplier).dispatch.board({ needId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(winner!.actor).platform.riderOffers({ externalRiderId: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    // Once the task ends (cancelled here), the position is gone from the board.
    await caller(f.actors.dispatcherA).dispatch.cancelTask({ assignmentId: res.assignmentId! });
    const after = await caller(f.actors.dispatcherA).dispatch.board({ needId });
    expect(after.accepted.find((a) => a.assignmentId === res.assignmentId)).toMatchObject({ status: "CANCELLED", position: null });
    expect(findPositionLeaks(json(after), ks)).toEqual([]);
  });
});
