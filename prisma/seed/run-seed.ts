import type { PrismaClient } from "@/server/db";
import { requireDatabaseUrl } from "@/lib/env";
import { hashPassword } from "@/server/auth/password";
import { createAdmin } from "@/server/modules/accounts/create-admin";
import { buildDataset, DEFAULT_KNIGHTS, DEFAULT_SCALE } from "./build-dataset";
import { bulkLoadExtras } from "./bulk-load";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { insertDataset } from "./insert-dataset";
import type { DemoPlatformInfo } from "./delivery-platform";
import { defaultSeedNow } from "./random";

export interface SeedOptions {
  /** Seed string for all randomness; same seed (and scale, now) → same data, ids included. */
  seed?: string;
  /** Number of resources (listings). Default 3,200. Above that the tail is bulk-loaded. */
  scale?: number;
  /** Number of generated knights (plus the demo knight). Default 800, more for big scales. */
  knights?: number;
  /** Anchor for time-relative data (live incidents' needed-by, on-duty, expiries). Default: now, rounded down to the hour. */
  now?: Date;
  /** Truncate every domain table first. */
  reset?: boolean;
  /** Do nothing when organisations already exist. */
  ifEmpty?: boolean;
  /** Connection string for the bulk tail (default: DATABASE_URL). */
  url?: string;
  log?: (line: string) => void;
  progressBar?: boolean;
}

export interface SeedResult {
  skipped: boolean;
  counts: Record<string, number>;
  elapsedMs: number;
  /** The demo delivery platform (key, riders, where to try it); absent when skipped. */
  platform?: DemoPlatformInfo;
}

export function defaultKnightsFor(scale: number): number {
  // Nanjing enlisted ~40,000 riders; large benchmark scales get a rider population to match.
  return scale <= DEFAULT_SCALE ? DEFAULT_KNIGHTS : Math.min(40_000, Math.max(DEFAULT_KNIGHTS, Math.round(scale / 25)));
}

async function domainTables(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_prisma%' ORDER BY tablename`,
  );
  return rows.map((r) => r.tablename);
}

export async function countRows(db: PrismaClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of await domainTables(db)) {
    const [{ n }] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${t}"`);
    counts[t] = Number(n);
  }
  return counts;
}

export async function runSeed(db: PrismaClient, opts: SeedOptions = {}): Promise<SeedResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? "muster";
  const scale = opts.scale ?? DEFAULT_SCALE;
  const knights = opts.knights ?? defaultKnightsFor(scale);
  const now = opts.now ?? defaultSeedNow();
  const lap = (() => {
    let t = Date.now();
    return (what: string) => {
      const ms = Date.now() - t;
      t = Date.now();
      log(`  ${what} (${(ms / 1000).toFixed(1)} s)`);
    };
  })();

  if (!opts.reset && (await db.organization.count()) > 0) {
    if (opts.ifEmpty) {
      log("Database already has organisations: nothing to seed (--if-empty).");
      return { skipped: true, counts: {}, elapsedMs: Date.now() - started };
    }
    throw new Error("The database already has data. Run with --reset to replace it, or --if-empty to skip.");
  }
  if (opts.reset) {
    const tables = await domainTables(db);
    await db.$executeRawUnsafe(`TRUNCATE TABLE ${tables.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
    lap(`truncated ${tables.length} tables`);
  }

  log(`Seeding: seed "${seed}", ${scale.toLocaleString("en")} resources, ${knights.toLocaleString("en")} knights, now = ${now.toISOString()}`);
  // One argon2 hash, reused by every seeded account (hashing ~2,000 passwords would take minutes).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const admin = DEMO_ACCOUNTS.admin;
  const dataset = await db.$transaction(
    async (tx) => {
      const { userId } = await createAdmin(tx, { email: admin.email, password: DEMO_PASSWORD, name: admin.name, phone: admin.phone });
      const d = buildDataset({ seed, scale, knights, now, adminId: userId, passwordHash });
      lap(`built base dataset in memory (${d.resources.length.toLocaleString("en")} resources)`);
      await insertDataset(tx, d, (label, rows) => log(`    ${label}: ${rows.toLocaleString("en")}`));
      return d;
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  );
  lap("inserted base dataset");

  if (dataset.extraCount > 0) {
    const t = await bulkLoadExtras({
      url: opts.url ?? requireDatabaseUrl(),
      seed,
      now,
      factory: dataset.factory,
      from: dataset.baseCount,
      count: dataset.extraCount,
      showProgress: opts.progressBar ?? false,
    });
    const fk = t.skippedForeignKeyTriggers ? "FK triggers skipped (superuser)" : "FK triggers on";
    lap(`bulk-loaded ${t.resources.toLocaleString("en")} resources, ${t.orgs.toLocaleString("en")} organisations, ${fk}, then ANALYZE`);
  } else {
    await db.$executeRawUnsafe("ANALYZE");
  }
  const counts = await countRows(db);
  return { skipped: false, counts, elapsedMs: Date.now() - started, platform: dataset.platform };
}
