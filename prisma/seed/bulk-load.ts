import { SingleBar, Presets } from "cli-progress";
import pg from "pg";
import { CREDENTIAL_COLUMNS, insertUnnest, ORGANIZATION_COLUMNS, RESOURCE_COLUMNS, WINDOW_COLUMNS } from "./bulk-copy";
import { EXTRA_RESOURCES_PER_ORG, extraOwnerLookup } from "./build-dataset";
import type { ResourceFactory } from "./resources";

export interface BulkOptions {
  url: string;
  seed: string;
  now: Date;
  factory: ResourceFactory;
  /** Factory indices [from, from + count) are loaded. */
  from: number;
  count: number;
  batchSize?: number;
  /** Parallel connections (default 2). */
  workers?: number;
  showProgress: boolean;
}

export interface BulkTotals {
  orgs: number;
  resources: number;
  credentials: number;
  windows: number;
  skippedForeignKeyTriggers: boolean;
}

/**
 * The tail above the default scale (e.g. `--scale 1000000`): synthetic organisations, then listings with
 * their credentials and availability windows, 10,000 per `INSERT … SELECT FROM unnest(…)` batch, one
 * transaction per batch, two connections in parallel (each generates its next batch while PostgreSQL
 * writes the other's).
 *
 * Foreign-key triggers cost about as much as the inserts themselves here (~1 s per 10,000 listings).
 * When the connecting role is a superuser, the bulk connections set session_replication_role = replica —
 * what pg_restore --disable-triggers does — which skips FK triggers (not CHECK or UNIQUE constraints).
 * That is safe because every referenced row (types, regions, organisations) is written first, by this
 * same seed; with an ordinary role the triggers simply run.
 */
export async function bulkLoadExtras(o: BulkOptions): Promise<BulkTotals> {
  const batchSize = o.batchSize ?? 10_000;
  const workers = Math.max(1, o.workers ?? 2);
  const pool = new pg.Pool({ connectionString: o.url, max: workers });
  const totals: BulkTotals = { orgs: 0, resources: 0, credentials: 0, windows: 0, skippedForeignKeyTriggers: false };
  const bar = o.showProgress ? new SingleBar({ format: "  bulk resources [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left", hideCursor: true }, Presets.shades_classic) : null;
  try {
    const { rows } = await pool.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    totals.skippedForeignKeyTriggers = rows[0]?.rolsuper === true;
    const extra = extraOwnerLookup(o.seed, o.now, o.from);
    const orgCount = Math.ceil(o.count / EXTRA_RESOURCES_PER_ORG);
    for (let j = 0; j < orgCount; j += 5000) {
      const orgs = Array.from({ length: Math.min(5000, orgCount - j) }, (_, k) => extra.orgAt(j + k));
      await insertUnnest(pool, "organization", ORGANIZATION_COLUMNS, orgs);
      totals.orgs += orgs.length;
    }
    bar?.start(o.count, 0);
    let next = 0;
    const worker = async () => {
      const client = await pool.connect();
      try {
        if (totals.skippedForeignKeyTriggers) await client.query("SET session_replication_role = replica");
        while (next < o.count) {
          const start = next;
          const end = Math.min(o.count, start + batchSize);
          next = end;
          // The factory maps these indices to the same synthetic organisations (extraOwnerLookup is deterministic).
          const generated = [];
          for (let i = start; i < end; i++) generated.push(o.factory.generate(o.from + i));
          const resources = generated.map((g) => g.resource);
          const credentials = generated.flatMap((g) => g.credentials);
          const windows = generated.flatMap((g) => g.windows);
          await inTransaction(client, async () => {
            await insertUnnest(client, "resource", RESOURCE_COLUMNS, resources);
            await insertUnnest(client, "credential", CREDENTIAL_COLUMNS, credentials);
            await insertUnnest(client, "availability_window", WINDOW_COLUMNS, windows);
          });
          totals.resources += resources.length;
          totals.credentials += credentials.length;
          totals.windows += windows.length;
          bar?.update(totals.resources);
        }
      } finally {
        if (totals.skippedForeignKeyTriggers) await client.query("RESET session_replication_role").catch(() => undefined);
        client.release();
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    bar?.stop();
    await pool.query("ANALYZE");
    return totals;
  } finally {
    bar?.stop();
    await pool.end();
  }
}

async function inTransaction(client: pg.PoolClient, fn: () => Promise<void>): Promise<void> {
  try {
    await client.query("BEGIN");
    await fn();
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}
