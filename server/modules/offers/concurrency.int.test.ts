import { afterAll, beforeAll, describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import { isAppError } from "@/server/errors";
import { acceptOffer } from "@/server/modules/offers/answer-offer";
import { CONFLICT_MESSAGE } from "@/server/modules/offers/offer-access";
import { offerAssignment } from "@/server/modules/offers/send-offer";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

/**
 * 32 clients, each its own Prisma client and connection, race to book 5 hot resources through 200
 * assignments with overlapping windows. The real path (lock the resource row by id + exclusion constraint)
 * must end with 0 double bookings; a naive check-then-write path on a copy of the table without the
 * constraint, under the same load, must show doubles — so the detector is proven able to see them.
 */
const CLIENTS = 32;
// Kept small so the suite stays quick; bench/offers-concurrency.ts runs the full 32 × 1,000.
const ATTEMPTS = 15;
const RESOURCES = 5;
const ASSIGNMENTS = 200;

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
let clients: PrismaClient[];
let unitIds: string[];
let depotIds: string[];

const LIVE = `('OFFERED','ACCEPTED','MOBILIZED','EN_ROUTE','ON_SCENE')`;
const doublesSql = (table: string) => `
  SELECT count(*)::int AS n FROM ${table} a JOIN ${table} b
    ON a.resource_id = b.resource_id AND a.unit_index = b.unit_index AND a.id < b.id
   AND tstzrange(a.window_start, a.window_end, '[)') && tstzrange(b.window_start, b.window_end, '[)')
  WHERE a.status IN ${LIVE} AND b.status IN ${LIVE}`;

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  const rng = seedrandom("muster-offers");
  unitIds = [];
  depotIds = [];
  const units = await Promise.all(Array.from({ length: RESOURCES }, () => createResource(t.db, f.orgs.enterprise, f.types.pump)));
  const depots = await Promise.all(Array.from({ length: RESOURCES }, () => createResource(t.db, f.orgs.enterprise, f.types.sandbag, 3, "沙袋")));
  for (let i = 0; i < ASSIGNMENTS; i++) {
    const need = await createNeed(t.db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId, 1);
    unitIds.push(await propose(t.db, need, units[i % RESOURCES]!, { startHour: 1 + Math.floor(rng() * 12), hours: 4, score: rng() }));
    const needB = await createNeed(t.db, f.incidentId, f.types.sandbag, f.actors.dispatcherA.userId, 1);
    depotIds.push(await propose(t.db, needB, depots[i % RESOURCES]!, { unitIndex: null, status: "OFFERED", holdExpiresAt: new Date(Date.now() + 3_600_000) }));
  }
  clients = Array.from({ length: CLIENTS }, () => createPrismaClient(t.url, 1));
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
  await t.cleanup();
});

type Tally = { won: number; conflicts: number; overlapMessages: number; other: string[] };

async function race(attempt: (c: PrismaClient, id: string) => Promise<unknown>, ids: string[]): Promise<Tally> {
  const tally: Tally = { won: 0, conflicts: 0, overlapMessages: 0, other: [] };
  await Promise.all(
    clients.map(async (c, k) => {
      const rng = seedrandom(`client-${k}`);
      for (let i = 0; i < ATTEMPTS; i++) {
        const id = ids[Math.floor(rng() * ids.length)]!;
        try {
          await attempt(c, id);
          tally.won++;
        } catch (e) {
          if (isAppError(e) && e.code === "CONFLICT") {
            tally.conflicts++;
            if (e.message === CONFLICT_MESSAGE) tally.overlapMessages++;
          } else tally.other.push(e instanceof Error ? e.message : String(e));
        }
      }
    }),
  );
  return tally;
}

describe(`no double booking under ${CLIENTS} concurrent clients`, () => {
  it("unit resources: offer+accept races end with 0 overlapping live assignments; losers get CONFLICT", async () => {
    const { dispatcherA, supplier } = f.actors;
    const tally = await race(async (c, id) => {
      await offerAssignment(c, dispatcherA, id, { holdMinutes: 30 });
      await acceptOffer(c, supplier, id);
    }, unitIds);
    const [{ n }] = await t.db.$queryRawUnsafe<{ n: number }[]>(doublesSql("assignment"));
    console.info(`[offers concurrency] real path: ${CLIENTS}×${ATTEMPTS} attempts, won ${tally.won}, conflicts ${tally.conflicts} (overlap message ${tally.overlapMessages}), doubles ${n}`);
    expect(tally.other).toEqual([]);
    expect(n).toBe(0);
    expect(tally.won).toBeGreaterThan(0);
    expect(tally.overlapMessages).toBeGreaterThan(0);
    expect(tally.won + tally.conflicts).toBe(CLIENTS * ATTEMPTS);
    const accepted = await t.db.assignment.count({ where: { id: { in: unitIds }, status: "ACCEPTED" } });
    expect(accepted).toBe(tally.won);
  }, 120_000);

  it("divisible stock: accept races never commit beyond a depot's quantity", async () => {
    const { supplier } = f.actors;
    const tally = await race((c, id) => acceptOffer(c, supplier, id), depotIds);
    const over = await t.db.$queryRawUnsafe<{ n: number }[]>(`
      SELECT count(*)::int AS n FROM resource r
      WHERE r.id IN (SELECT resource_id FROM assignment WHERE id = ANY($1))
        AND (r.committed_quantity > r.total_quantity
          OR r.committed_quantity <> (SELECT coalesce(sum(quantity), 0) FROM assignment WHERE resource_id = r.id AND status = 'ACCEPTED'))`, depotIds);
    expect(tally.other).toEqual([]);
    expect(over[0]!.n).toBe(0);
    expect(tally.won).toBeLessThanOrEqual(RESOURCES * 3);
    expect(tally.won).toBeGreaterThan(0);
    expect(tally.overlapMessages).toBeGreaterThan(0);
  }, 120_000);

  it("control: a naive check-then-write path without the constraint DOES double-book under the same load", async () => {
    await t.db.$executeRawUnsafe(`CREATE TABLE naive_assignment (LIKE assignment)`);
    await t.db.$executeRawUnsafe(`INSERT INTO naive_assignment SELECT * FROM assignment WHERE id = ANY($1)`, unitIds);
    await t.db.$executeRawUnsafe(`UPDATE naive_assignment SET status = 'PROPOSED'`);
    const tally = await race(async (c, id) => {
      const [row] = await c.$queryRawUnsafe<{ resource_id: string; unit_index: number; window_start: Date; window_end: Date; status: string }[]>(
        `SELECT resource_id, unit_index, window_start, window_end, status::text FROM naive_assignment WHERE id = $1`, id);
      if (row!.status !== "PROPOSED") throw new Error("taken");
      const [busy] = await c.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM naive_assignment WHERE resource_id = $1 AND unit_index = $2 AND status IN ${LIVE}
           AND tstzrange(window_start, window_end, '[)') && tstzrange($3::timestamptz, $4::timestamptz, '[)')`,
        row!.resource_id, row!.unit_index, row!.window_start, row!.window_end);
      if (busy!.n > 0) throw new Error("busy");
      await new Promise((r) => setTimeout(r, 2)); // the app's think time between read and write
      await c.$executeRawUnsafe(`UPDATE naive_assignment SET status = 'ACCEPTED' WHERE id = $1`, id);
    }, unitIds);
    const [{ n }] = await t.db.$queryRawUnsafe<{ n: number }[]>(doublesSql("naive_assignment"));
    console.info(`[offers concurrency] naive control: won ${tally.won}, doubles ${n}`);
    expect(n).toBeGreaterThan(0);
  }, 120_000);
});
