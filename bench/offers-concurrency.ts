/**
 * Offer/accept concurrency benchmark (not a test):
 *   npx tsx bench/offers-concurrency.ts [--clients 32] [--attempts 1000] [--runs 3]
 * A scratch embedded PostgreSQL (<MUSTER_DATA_DIR>/bench-offers, ephemeral), migrated. Each run: 5 unit
 * resources, 200 PROPOSED assignments with overlapping windows across 200 needs; `clients` Prisma clients
 * (one connection each) race `attempts` offer+accept claims each. Reports winners, clear CONFLICT refusals,
 * other errors, double bookings (SQL self-join; must be 0) and throughput. Prints a table and a final JSON line.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import seedrandom from "seedrandom";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "@/server/db";
import { isAppError } from "@/server/errors";
import { resolveDatabase } from "@/scripts/lib/database";
import { migrate } from "@/scripts/lib/migrate";
import { acceptOffer } from "@/server/modules/offers/answer-offer";
import { offerAssignment } from "@/server/modules/offers/send-offer";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

const LIVE = `('OFFERED','ACCEPTED','MOBILIZED','EN_ROUTE','ON_SCENE')`;

async function oneRun(db: PrismaClient, url: string, clients: number, attempts: number, run: number) {
  await db.$executeRawUnsafe(`TRUNCATE assignment, need, incident, resource, resource_availability_cell, resource_type, membership, organization, users, region, need_template, job, notification, audit_event CASCADE`);
  const f = await seedOfferFixtures(db);
  const rng = seedrandom(`bench-${run}`);
  const units = await Promise.all(Array.from({ length: 5 }, () => createResource(db, f.orgs.enterprise, f.types.pump)));
  const ids: string[] = [];
  for (let i = 0; i < 200; i++) {
    const need = await createNeed(db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId, 1);
    ids.push(await propose(db, need, units[i % 5]!, { startHour: 1 + Math.floor(rng() * 12), hours: 4, score: rng() }));
  }
  const pool = Array.from({ length: clients }, () => createPrismaClient(url, 1));
  const tally = { won: 0, conflicts: 0, other: 0 };
  const started = performance.now();
  await Promise.all(
    pool.map(async (c, k) => {
      const r = seedrandom(`c${run}-${k}`);
      for (let i = 0; i < attempts; i++) {
        const id = ids[Math.floor(r() * ids.length)]!;
        try {
          await offerAssignment(c, f.actors.dispatcherA, id);
          await acceptOffer(c, f.actors.supplier, id);
          tally.won++;
        } catch (e) {
          if (isAppError(e) && e.code === "CONFLICT") tally.conflicts++;
          else tally.other++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(pool.map((c) => c.$disconnect()));
  const [{ n }] = await db.$queryRawUnsafe<{ n: number }[]>(`
    SELECT count(*)::int AS n FROM assignment a JOIN assignment b
      ON a.resource_id = b.resource_id AND a.unit_index = b.unit_index AND a.id < b.id
     AND tstzrange(a.window_start, a.window_end, '[)') && tstzrange(b.window_start, b.window_end, '[)')
    WHERE a.status IN ${LIVE} AND b.status IN ${LIVE}`);
  return { ...tally, doubles: n, seconds, perSecond: (clients * attempts) / seconds };
}

async function main() {
  const { values } = parseArgs({ options: { clients: { type: "string" }, attempts: { type: "string" }, runs: { type: "string" } } });
  const clients = Number(values.clients ?? 32);
  const attempts = Number(values.attempts ?? 1000);
  const runs = Number(values.runs ?? 3);
  const database = await resolveDatabase({ dataDir: path.resolve(env.MUSTER_DATA_DIR, "bench-offers"), ephemeral: true, quiet: true });
  const db = createPrismaClient(database.url, 2);
  try {
    await migrate(database.url, { quiet: true });
    const results = [];
    for (let run = 0; run < runs; run++) {
      const r = await oneRun(db, database.url, clients, attempts, run);
      results.push(r);
      console.info(`run ${run + 1}: ${clients}×${attempts} attempts  won ${r.won}  conflicts ${r.conflicts}  other ${r.other}  doubles ${r.doubles}  ${r.seconds.toFixed(1)} s  ${r.perSecond.toFixed(0)} attempts/s`);
    }
    const rates = results.map((r) => r.perSecond).sort((a, b) => a - b);
    console.info(JSON.stringify({
      clients, attempts_per_client: attempts, runs,
      double_bookings: results.reduce((s, r) => s + r.doubles, 0),
      other_errors: results.reduce((s, r) => s + r.other, 0),
      winners: results.map((r) => r.won),
      attempts_per_s_min: Math.round(rates[0]!), attempts_per_s_median: Math.round(rates[Math.floor(rates.length / 2)]!), attempts_per_s_max: Math.round(rates[rates.length - 1]!),
    }));
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
