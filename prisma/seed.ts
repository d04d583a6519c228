/**
 * Demo / benchmark data for Muster.
 *
 *   npm run seed                         ~3,200 resources, 800 knights, 16 incidents (well under a minute)
 *   npm run seed -- --reset              truncate every domain table first
 *   npm run seed -- --if-empty           do nothing when organisations exist (used by the demo launcher)
 *   npm run seed -- --scale 1000000      1M resources: the tail above 3,200 is bulk-loaded (unnest batches)
 *   npm run seed -- --seed other         a different, equally deterministic data set
 *   options: --knights N, --now <ISO instant>, --quiet
 *
 * Determinism: the same --seed, --scale and --now give the same rows, ids included (ids are drawn from the
 * seeded stream, "s" + 24 hex). Time-relative values — live incidents' start and needed-by, knights' duty
 * and positions, credential expiry — are relative to --now, which defaults to the current time rounded
 * down to the hour. Past incidents have fixed dates.
 */
import { parseArgs } from "node:util";
import { env, requireDatabaseUrl } from "@/lib/env";
import { createPrismaClient } from "@/server/db";
import { demoAccountTable, DEMO_PASSWORD } from "./seed/demo-accounts";
import { demoPlatformLines } from "./seed/delivery-platform";
import { runSeed } from "./seed/run-seed";

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      knights: { type: "string" },
      seed: { type: "string" },
      now: { type: "string" },
      reset: { type: "boolean", default: false },
      "if-empty": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
    },
    strict: true,
  });
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO date-time, got "${values.now}"`);
  const quiet = values.quiet;
  const log = quiet ? () => undefined : (line: string) => console.info(line);

  const url = requireDatabaseUrl();
  const db = createPrismaClient(url, 4);
  try {
    const result = await runSeed(db, {
      seed: values.seed,
      scale: positiveInt("scale", values.scale),
      knights: positiveInt("knights", values.knights),
      now,
      reset: values.reset,
      ifEmpty: values["if-empty"],
      url,
      log,
      progressBar: !quiet && process.stdout.isTTY,
    });
    if (result.skipped) return;
    if (!quiet) {
      const rows = Object.entries(result.counts).filter(([, n]) => n > 0);
      const w = Math.max(...rows.map(([t]) => t.length));
      console.info(`\n${"table".padEnd(w)}  ${"rows".padStart(10)}`);
      for (const [t, n] of rows) console.info(`${t.padEnd(w)}  ${n.toLocaleString("en").padStart(10)}`);
      console.info(`\nSeeded in ${(result.elapsedMs / 1000).toFixed(1)} s.\n`);
    }
    console.info(`Demo accounts (every other seeded user also signs in with ${DEMO_PASSWORD}):\n${demoAccountTable()}`);
    if (result.platform) console.info(`\n${demoPlatformLines(result.platform, env.APP_URL)}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  console.error(`[muster] seed failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
