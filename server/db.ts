import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "@/server/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";

/** A client or an interactive transaction: query functions take this first so tests can pass a transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;
export type { PrismaClient };

/**
 * Per client, a small pg pool for the few hot read queries that run as named prepared statements
 * (see preparedQuery). Its sessions use plan_cache_mode = force_generic_plan: those statements are planned
 * once per connection and reused, which is the point (planning the candidate query costs more than running
 * it), while Prisma's own queries keep PostgreSQL's default plan choice on the main pool.
 */
const preparedPools = new WeakMap<object, () => pg.Pool>();

export function createPrismaClient(url: string, poolSize = 10): PrismaClient {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: poolSize }),
    log: [{ level: "error", emit: "stdout" }],
  });
  let prepared: pg.Pool | null = null;
  preparedPools.set(client, () => {
    if (prepared) return prepared;
    prepared = new pg.Pool({
      connectionString: url,
      max: Math.max(2, Math.ceil(poolSize / 2)),
      options: "-c plan_cache_mode=force_generic_plan",
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    });
    // An idle connection the server ends (restart, failover, admin) is an 'error' event on the pool: without a
    // listener it would crash the process. The pool drops that client and opens a new one on the next query.
    // Added once, when the pool is made (this getter runs on every query).
    prepared.on("error", (e) => console.warn(`[muster] database: an idle connection was closed (${e.message})`));
    return prepared;
  });
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    const pool = prepared;
    prepared = null;
    await pool?.end();
    await disconnect();
  };
  return client;
}

/**
 * Runs one read-only statement as a named prepared statement on the client's prepared-statement pool.
 * Inside an interactive transaction it runs on the transaction's own connection instead ($queryRawUnsafe),
 * so it sees the transaction's writes.
 */
export async function preparedQuery<T>(db: Db, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = preparedPools.get(db);
  if (!pool) return db.$queryRawUnsafe<T[]>(text, ...values);
  const res = await pool().query({ name, text, values });
  return res.rows as T[];
}

const globalForPrisma = globalThis as unknown as { musterPrisma?: PrismaClient; musterPrismaUrl?: string };

/** The process-wide client, created on first use (so importing this file never needs a database). */
export function getDb(): PrismaClient {
  const url = requireDatabaseUrl();
  if (!globalForPrisma.musterPrisma || globalForPrisma.musterPrismaUrl !== url) {
    globalForPrisma.musterPrisma = createPrismaClient(url);
    globalForPrisma.musterPrismaUrl = url;
  }
  return globalForPrisma.musterPrisma;
}

export async function disconnectDb() {
  await globalForPrisma.musterPrisma?.$disconnect();
  globalForPrisma.musterPrisma = undefined;
}
