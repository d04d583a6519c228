import pg from "pg";
import { isDbUnavailable } from "@/server/db-errors";

/**
 * How long a request waits at its start for a database that refuses connections (a restart, a failover)
 * before it goes on and answers 503: PgBouncer's pause, in the app. A restart of a few seconds then costs the
 * people on the other end a slower answer, not an error and their client's growing backoff; and the requests
 * held meanwhile go to the pool in arrival order instead of as a herd of retries.
 */
export const RESTART_PATIENCE_MS = 5000;
/** An outage longer than this is no restart: requests answer 503 at once again, until the database is back. */
const HOLD_WINDOW_MS = 30_000;
/** How often a single watcher connection tries the database during an outage. */
const WATCH_EVERY_MS = 50;

/** The pool's queue wait running out is a busy pool, not a database refusing connections. */
const isPoolWait = (e: unknown) => e instanceof Error && e.message.includes("timeout exceeded when trying to connect");

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export class RestartPause {
  private outage: { since: number; back: Promise<void>; end: () => void; held: number } | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly patienceMs = RESTART_PATIENCE_MS,
  ) {}

  /** A pool failed to open a connection: if the database refused it, watch for its return. */
  connectFailed(e: unknown): void {
    if (this.outage || this.stopped || !isDbUnavailable(e) || isPoolWait(e)) return;
    let end = () => {};
    const back = new Promise<void>((resolve) => (end = resolve));
    this.outage = { since: Date.now(), back, end, held: 0 };
    console.warn(`[muster] database: refusing connections; requests wait for it up to ${this.patienceMs} ms`);
    void this.watch();
  }

  /** A pool opened a connection: the database is up. */
  connected(): void {
    const o = this.outage;
    if (!o) return;
    this.outage = null;
    o.end();
    if (!this.stopped) console.warn(`[muster] database: back after ${Date.now() - o.since} ms; ${o.held} request(s) held meanwhile go on`);
  }

  /** Resolves at once while the database is up; during an outage, when it is back or patience runs out. */
  async wait(): Promise<void> {
    const o = this.outage;
    if (!o || Date.now() - o.since > HOLD_WINDOW_MS || this.patienceMs <= 0) return;
    o.held++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.patienceMs)));
    await Promise.race([o.back, patience]);
    clearTimeout(timer);
  }

  stop(): void {
    this.stopped = true;
    this.connected();
  }

  /** One connection attempt at a time (not one per waiting request) until the database answers. */
  private async watch(): Promise<void> {
    while (this.outage && !this.stopped) {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2000 });
      client.on("error", () => {}); // a refused or dropped attempt is the expected case here
      try {
        await client.connect();
        await client.end();
        this.connected();
        return;
      } catch {
        // a connect that failed has no socket left to end (and end() would wait for one)
        await sleep(WATCH_EVERY_MS);
      }
    }
  }
}

/**
 * Tells `pause` what `pool` sees: a failed connect (pool.connect, also under pool.query) and a new connection.
 * pg-pool has no event for a failed connect, hence the wrapper.
 */
export function reportConnects(pool: pg.Pool, pause: RestartPause): void {
  pool.on("connect", () => pause.connected());
  const connect = pool.connect.bind(pool) as (cb?: (err: Error | undefined, c?: pg.PoolClient, done?: () => void) => void) => Promise<pg.PoolClient> | undefined;
  (pool as unknown as { connect: typeof connect }).connect = (cb) => {
    if (!cb) {
      return connect()!.catch((e: unknown) => {
        pause.connectFailed(e);
        throw e;
      });
    }
    connect((err, client, done) => {
      if (err) pause.connectFailed(err);
      cb(err, client, done);
    });
    return undefined;
  };
}
