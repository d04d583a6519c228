import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

const DB_TIMEOUT_MS = 2000;

class Timeout extends Error {}

/** Rejects after `ms`: the pg pool has no connect timeout, so a dead server would otherwise hang the probe. */
async function withTimeout<T>(work: () => Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** One sentence for operators; never the connection string or a stack trace. */
function describe(error: unknown): string {
  if (error instanceof Timeout) return `The database did not answer within ${DB_TIMEOUT_MS / 1000} seconds.`;
  const message = error instanceof Error ? error.message : "";
  if (message.includes("DATABASE_URL is not set")) return "No database is configured (DATABASE_URL is not set).";
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT/i.test(message)) return "The database server refused or dropped the connection.";
  if (/password authentication|does not exist/i.test(message)) return "The database rejected the configured credentials or database name.";
  return "The database is unreachable.";
}

const noStore = { "Cache-Control": "no-store" };

/**
 * GET /api/health — liveness + database readiness, for load balancers and the launch scripts.
 *   200 {status:"ok", db:"up", migrations:n, latencyMs, time}
 *   503 {status:"degraded", db:"down", error:"one sentence", time}
 *   503 {status:"degraded", db:"up", migrations:0, error:"…no migrations…"} when the schema was never applied.
 */
export async function GET() {
  const started = Date.now();
  const time = new Date().toISOString();
  let db: ReturnType<typeof getDb>;
  try {
    db = getDb();
    await withTimeout(() => db.$queryRaw`SELECT 1`, DB_TIMEOUT_MS);
  } catch (error) {
    return Response.json({ status: "degraded", db: "down", error: describe(error), time }, { status: 503, headers: noStore });
  }
  try {
    const rows = await withTimeout(
      () =>
        db.$queryRaw<{ count: bigint }[]>`
          SELECT count(*)::bigint AS count FROM _prisma_migrations
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      DB_TIMEOUT_MS,
    );
    const migrations = Number(rows[0]?.count ?? 0);
    return Response.json(
      { status: "ok", db: "up", migrations, latencyMs: Date.now() - started, time },
      { status: 200, headers: noStore },
    );
  } catch (error) {
    if (error instanceof Timeout) {
      return Response.json({ status: "degraded", db: "down", error: describe(error), time }, { status: 503, headers: noStore });
    }
    // Reachable, but _prisma_migrations is missing: the schema was never migrated, so the app cannot serve.
    return Response.json(
      {
        status: "degraded",
        db: "up",
        migrations: 0,
        error: "The database is reachable but no migrations have been applied (run npm run db:migrate).",
        time,
      },
      { status: 503, headers: noStore },
    );
  }
}
