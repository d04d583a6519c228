import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { postgresEngine } from "@/server/modules/search/postgres-engine";
import { seedOfferFixtures, createNeed } from "@/server/modules/offers/test-fixtures";
import { diffKind } from "@/server/modules/search/sync/reconcile";
import { SEARCH_KINDS } from "@/server/modules/search/sync/search-tables";
import { drainOutbox, pendingSearchRows, waitFor } from "@/server/modules/search/sync/search-sync-test-kit";

/**
 * The "loses nothing" test: 10,000 committed updates (titles, plus organisation verification flips that fan out,
 * need changes, inserts and deletes) while the sync worker runs in a child process that is SIGKILLed midway and
 * restarted later; then a full diff of ids and versions between the database and the index, and of titles.
 * No reconcile runs: the outbox alone must carry every change.
 */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
type Worker = { child: ChildProcess; exited: Promise<NodeJS.Signals | number | null> };
const children: ChildProcess[] = [];

function startWorker(url: string): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/search-sync-child.ts"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return { child, exited: new Promise((r) => child.once("exit", (code, signal) => r(signal ?? code))) };
}

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await t.cleanup();
});

describe("search sync under a killed worker", () => {
  it("10,000 updates, worker SIGKILLed midway and restarted: database and index agree exactly", async () => {
    const RESOURCES = 400;
    const UPDATES = 10_000;
    const KILL_AT = 4000;
    const orgs = [f.orgs.enterprise, f.orgs.govB];
    await t.db.$executeRaw`
      INSERT INTO resource (id, type_id, owner_org_id, title, total_quantity, unit, lat, lng, address, region_code, travel_range,
        max_travel_km, mobilization_minutes, status, updated_at)
      SELECT 'kill-' || lpad(g::text, 4, '0'), ${f.types.pump}, (${orgs}::text[])[1 + g % 2], '初始泵车 ' || g, 5, 'unit',
        32 + g / 10000.0, 118.8, '南京', '320102', 'CITY', 100, 30, 'AVAILABLE', now()
      FROM generate_series(1, ${RESOURCES}) g`;
    const needs: string[] = [];
    for (let i = 0; i < 20; i++) needs.push(await createNeed(t.db, f.incidentId, f.types.sandbag, f.actors.dispatcherA.userId, 10 + i));

    const pool = new pg.Pool({ connectionString: t.url, max: 4 });
    const first = startWorker(t.url);
    let worker = first;
    let killedAt = -1;
    let processedAtKill = 0;
    let pendingAtKill = 0;
    let next = 0;
    const writer = async (w: number) => {
      for (;;) {
        const i = next++;
        if (i >= UPDATES) return;
        // Before the kill the writes touch only the first half of the listings, after it only the second half: a
        // change lost at the kill is never healed by a later change of the same listing, so the diff would see it.
        const half = RESOURCES / 2;
        const rid = `kill-${String(1 + ((i * 7919 + w) % half) + (i > KILL_AT ? half : 0)).padStart(4, "0")}`;
        if (i % 1000 === 500 && i < KILL_AT) {
          // An organisation flip fans out to ~200 listings' documents (verified / public change).
          await pool.query(`UPDATE organization SET verification = CASE verification WHEN 'VERIFIED' THEN 'PENDING'::verification_status ELSE 'VERIFIED'::verification_status END WHERE id = $1`, [orgs[i % 2]]);
        } else if (i % 250 === 0) {
          await pool.query(`UPDATE need SET title = $1 WHERE id = $2`, [`沙袋 第${i}次`, needs[(i / 250) % needs.length]]);
        } else if (i % 997 === 0) {
          await pool.query(`DELETE FROM resource WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.resource_id = $1)`, [rid]);
        } else if (i % 991 === 0) {
          await pool.query(
            `INSERT INTO resource (id, type_id, owner_org_id, title, total_quantity, unit, lat, lng, address, region_code, travel_range, max_travel_km, mobilization_minutes, status, updated_at)
             VALUES ($1, $2, $3, $4, 1, 'unit', 32.1, 118.7, '南京', '320102', 'CITY', 50, 30, 'AVAILABLE', now()) ON CONFLICT (id) DO NOTHING`,
            [`kill-new-${i}`, f.types.boat, orgs[0], `新增冲锋舟 ${i}`],
          );
        } else {
          await pool.query(`UPDATE resource SET title = $1 WHERE id = $2`, [`排涝泵车 第${i}次更新`, rid]);
        }
        if (i === KILL_AT) {
          // Under load the worker child may still be starting: kill it only once it has synced something, so the
          // kill always hits a busy worker (the other writers keep writing meanwhile).
          await waitFor(async () => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM outbox_event WHERE topic LIKE 'search.%' AND processed_at IS NOT NULL`)).rows[0]!.n) > 0, 60_000, 100);
          worker.child.kill("SIGKILL");
          killedAt = i;
          const counts = await pool.query<{ done: string; pending: string }>(
            `SELECT count(*) FILTER (WHERE processed_at IS NOT NULL) AS done, count(*) FILTER (WHERE processed_at IS NULL) AS pending FROM outbox_event WHERE topic LIKE 'search.%'`,
          );
          processedAtKill = Number(counts.rows[0]!.done);
          pendingAtKill = Number(counts.rows[0]!.pending);
        }
        if (i === 7000) worker = startWorker(t.url);
      }
    };
    const t0 = Date.now();
    await Promise.all([0, 1, 2, 3].map(writer));
    console.info(`[kill test] writes took ${Date.now() - t0} ms; pending ${await pendingSearchRows(t.db)}`);
    expect(await first.exited).toBe("SIGKILL");
    expect(killedAt).toBe(KILL_AT);
    // The kill hit a worker that was busy: it had synced rows and had rows still to do.
    expect(processedAtKill).toBeGreaterThan(0);
    expect(pendingAtKill).toBeGreaterThan(0);

    const drained = await waitFor(async () => (await pendingSearchRows(t.db)) === 0, 30_000, 200);
    if (!drained) console.info(JSON.stringify(await t.db.$queryRaw`SELECT topic, attempts, left(last_error, 300) AS e, count(*)::int AS n, min(available_at) AS a FROM outbox_event WHERE processed_at IS NULL GROUP BY 1,2,3`));
    expect(drained).toBe(true);
    console.info(`[kill test] index caught up ${Date.now() - t0} ms after the first write`);
    worker.child.kill("SIGTERM");
    await pool.end();

    const engine = postgresEngine(t.db);
    let mismatches = 0;
    for (const kind of SEARCH_KINDS) {
      const { ids } = await diffKind(t.db, engine, kind);
      mismatches += ids.length;
    }
    const titles = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM resource r FULL JOIN (SELECT * FROM search_document WHERE kind = 'resource') d ON d.id = r.id
      WHERE r.id IS NULL OR d.id IS NULL OR d.title IS DISTINCT FROM r.title OR d.verified IS DISTINCT FROM
        (SELECT o.verification = 'VERIFIED' FROM organization o WHERE o.id = r.owner_org_id)`;
    console.info(`[kill test] ${UPDATES} writes, worker killed at #${killedAt} (${processedAtKill} rows synced, ${pendingAtKill} pending), restarted at #7000: ${mismatches} version mismatches, ${titles[0]!.n} content mismatches`);
    expect(mismatches).toBe(0);
    expect(Number(titles[0]!.n)).toBe(0);
    // And nothing is left for a later worker either.
    expect(await drainOutbox(t.db, [engine])).toBe(0);
  }, 240_000);
});
