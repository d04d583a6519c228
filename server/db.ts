import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "@/server/generated/prisma/client";
import { requireDatabaseUrl } from "@/lib/env";
import { asExpiryWhenLate, isDbUnavailable, PRISMA_TRANSACTION_TIMEOUT_MS } from "@/server/db-errors";
import { survivesLostConnections } from "@/server/db/pool-errors";
import { RestartPause, reportConnects } from "@/server/db/restart-pause";
import { serveOldestRequestFirst } from "@/server/db/request-order";

/** A client or an interactive transaction: query functions take this first so tests can pass a transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;
export type { PrismaClient };

/**
 * Per client, a small pg pool for the few hot read queries that run as named prepared statements
 * (see preparedQuery). Its sessions use plan_cache_mode = force_generic_plan: those statements are planned
 * once per connection and reused, which is the point (planning the candidate query costs more than running
 * it), while Prisma's own queries keep PostgreSQL's default plan choice on the main pool.
 * Its only writes outside a transaction are per-request counters (rate-limit hits, an API key's hit and
 * last use), so its sessions also commit without waiting for the WAL flush (synchronous_commit = off): a crash
 * can lose the last fraction of a second of counts, never a change of anyone's data, and no request waits for
 * a disk flush just to be counted.
 */
const preparedPools = new WeakMap<object, () => pg.Pool>();

/** Pool settings a caller (a test) may tighten. */
export type PoolOptions = { connectionTimeoutMillis?: number; restartPatienceMs?: number };

const mainPools = new WeakMap<object, pg.Pool>();
const preparedPoolsMade = new WeakMap<object, pg.Pool>();
const restartPauses = new WeakMap<object, RestartPause>();

/**
 * While the client's database refuses connections (a restart), waits for it to come back, at most a few
 * seconds (server/db/restart-pause.ts); at once otherwise. Requests call it before their first read.
 */
export function waitForDatabase(db: Db): Promise<void> {
  return restartPauses.get(db)?.wait() ?? Promise.resolve();
}

/** Per open interactive transaction (opened through a client of createPrismaClient): work to run last. */
const beforeCommitHooks = new WeakMap<object, (() => Promise<void>)[]>();

/**
 * Runs `hook` as the last statements of the transaction `tx`, after its callback returned and right before
 * COMMIT (a lock taken there is held only for the commit). False when `tx` is not such a transaction (a
 * client, or a transaction this file did not open): the caller then does the work at once.
 */
export function runBeforeCommit(tx: Db, hook: () => Promise<void>): boolean {
  const hooks = beforeCommitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

/** Per open interactive transaction: work to run once it has committed, given the client that opened it. */
const afterCommitHooks = new WeakMap<object, ((client: PrismaClient) => Promise<void>)[]>();

/**
 * Runs `hook` once the transaction `tx` has committed, before the `$transaction` call returns (never when it
 * rolls back). The hook's failure is the caller's to handle: the transaction's change is already committed.
 * False when `tx` is not a transaction opened through a client of createPrismaClient.
 */
export function runAfterCommit(tx: Db, hook: (client: PrismaClient) => Promise<void>): boolean {
  const hooks = afterCommitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

type PoolCounts = { total: number; idle: number; waiting: number };
const counts = (pool: pg.Pool): PoolCounts => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });

/** The main pool's counts, and the prepared pool's once it exists (for tests and the worker's diagnostics). */
export function poolStats(db: Db): (PoolCounts & { prepared: PoolCounts | null }) | null {
  const pool = mainPools.get(db);
  const prepared = preparedPoolsMade.get(db);
  return pool ? { ...counts(pool), prepared: prepared ? counts(prepared) : null } : null;
}

/**
 * Gives a checked-out client's slot back when its connection ends (server restart, terminated backend).
 * Prisma's transaction manager releases a transaction's client only after its COMMIT/ROLLBACK succeeds; on a
 * dead connection that statement fails and the client was never released, so every transaction open during
 * a PostgreSQL restart leaked a slot, and with all slots gone every query of the instance queued (the surge
 * drill's stall). The adapter's own release, when it comes, comes at once (a failed BEGIN), hence the delay.
 */
function evictDeadCheckedOutClients(pool: pg.Pool) {
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on("acquire", (c) => checkedOut.add(c));
  pool.on("release", (_err, c) => checkedOut.delete(c));
  pool.on("connect", (client) => {
    client.on("end", () => {
      setTimeout(() => {
        if (!checkedOut.has(client)) return;
        checkedOut.delete(client);
        try {
          client.release(new Error("connection ended while checked out"));
          console.warn("[muster] database: gave back the pool slot of a connection that ended inside a transaction");
        } catch {
          // Already released meanwhile: nothing to give back.
        }
      }, 1000).unref();
    });
  });
}

/**
 * A ROLLBACK on a connection that is already gone succeeds as a no-op: the server rolled the transaction back
 * when the connection ended. Prisma's transaction timeout sends that ROLLBACK from a timer and nobody catches
 * its failure, so a transaction that timed out while PostgreSQL restarted was an unhandled rejection that killed
 * the process (both app instances and the worker at once in the surge drill).
 */
function tolerateRollbackOnDeadConnection(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : first?.text;
    const result = query(...args);
    if (text !== "ROLLBACK" || !(result instanceof Promise)) return result;
    return result.catch((e: unknown) => {
      if (!isDbUnavailable(e)) throw e;
      return { command: "ROLLBACK", rowCount: 0, rows: [], fields: [], oid: 0 };
    });
  };
}

/**
 * Every session of both pools: a transaction left open between statements for a minute (a client that lost
 * track of it) is ended by the server, so the row locks it holds cannot stall everyone else without a bound.
 * Our longest transactions (a full search rebuild) run statement after statement, never idle that long.
 */
const SESSION_OPTIONS = "-c idle_in_transaction_session_timeout=60000";

const idleConnectionClosed = (e: Error) => console.warn(`[muster] database: an idle connection was closed (${e.message})`);

export function createPrismaClient(url: string, poolSize = 10, options: PoolOptions = {}): PrismaClient {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Prisma's maxWait only checks the clock after the pool hands out a client, and pg's default is to wait
    // forever: without a bound here a plain read queued behind a stuck pool for as long as the pool stayed
    // stuck. A wait this long answers 503 (server/db-errors.ts), as a transaction's maxWait does.
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    options: SESSION_OPTIONS,
  });
  survivesLostConnections(pool, idleConnectionClosed);
  serveOldestRequestFirst(pool);
  const pause = new RestartPause(url, options.restartPatienceMs);
  reportConnects(pool, pause);
  evictDeadCheckedOutClients(pool);
  pool.on("connect", tolerateRollbackOnDeadConnection);
  const client = new PrismaClient({
    adapter: new PrismaPg(pool),
    log: [{ level: "error", emit: "stdout" }],
  });
  mainPools.set(client, pool);
  restartPauses.set(client, pause);
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  client.$transaction = ((arg: unknown, options?: unknown) => {
    if (typeof arg !== "function") return transaction(arg, options);
    const afterCommit: ((c: PrismaClient) => Promise<void>)[] = [];
    const started = performance.now();
    const timeoutMs = (options as { timeout?: number } | undefined)?.timeout ?? PRISMA_TRANSACTION_TIMEOUT_MS;
    return transaction(async (tx: Prisma.TransactionClient) => {
      const hooks: (() => Promise<void>)[] = [];
      beforeCommitHooks.set(tx, hooks);
      afterCommitHooks.set(tx, afterCommit);
      const result = await (arg as (t: Prisma.TransactionClient) => Promise<unknown>)(tx);
      for (let hook = hooks.shift(); hook; hook = hooks.shift()) await hook();
      beforeCommitHooks.delete(tx);
      afterCommitHooks.delete(tx);
      return result;
    }, options).then(
      async (result) => {
        for (const hook of afterCommit) await hook(client);
        return result;
      },
      (e: unknown) => {
        throw asExpiryWhenLate(e, performance.now() - started, timeoutMs);
      },
    );
  }) as typeof client.$transaction;
  let prepared: pg.Pool | null = null;
  preparedPools.set(client, () => {
    if (prepared) return prepared;
    prepared = new pg.Pool({
      connectionString: url,
      max: Math.max(2, Math.ceil(poolSize / 2)),
      options: `${SESSION_OPTIONS} -c plan_cache_mode=force_generic_plan -c synchronous_commit=off`,
      // As the main pool: a wait for a connection is bounded and answers 503.
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      allowExitOnIdle: true,
    });
    // A connection the server ends (restart, failover, admin) must not crash the process (pool-errors.ts); the
    // pool drops that client and opens a new one on the next query. Added once, when the pool is made (this
    // getter runs on every query).
    survivesLostConnections(prepared, idleConnectionClosed);
    serveOldestRequestFirst(prepared);
    reportConnects(prepared, pause);
    preparedPoolsMade.set(client, prepared);
    return prepared;
  });
  const disconnect = client.$disconnect.bind(client);
  const mainPool = pool;
  let mainEnded = false;
  client.$disconnect = async () => {
    pause.stop();
    const preparedPool = prepared;
    prepared = null;
    preparedPoolsMade.delete(client);
    await preparedPool?.end();
    await disconnect();
    // The adapter does not end a pool it was given.
    if (!mainEnded) {
      mainEnded = true;
      await mainPool.end();
    }
  };
  return client;
}

/**
 * Runs one hot statement (a read, or a per-request counter: see preparedPools) as a named prepared statement
 * on the client's prepared-statement pool.
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
