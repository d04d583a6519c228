/**
 * The processes of the surge drill: the embedded PostgreSQL (restartable on its port and data directory),
 * two app instances (bench/drill/app-instance.ts) and one job worker (scripts/worker.ts), all children of the
 * drill. Their output goes to log files under <MUSTER_DATA_DIR>/drill-logs, scanned at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { profileArgs } from "@/bench/lib/cpu-usage";

export type Db = { url: string; port: number; restart: () => Promise<{ downMs: number; backAt: number }>; stop: () => Promise<void> };

/** The 1M (or --quick) scratch database, started by this process so the drill can restart it. */
export async function startDrillDatabase(dataDir: string, sharedBuffers: string): Promise<Db> {
  let db = await startEmbeddedPostgres({ dataDir, ephemeral: true, sharedBuffers });
  if (db.reused) {
    throw new Error(`An embedded PostgreSQL is already running on ${dataDir}: stop it first (the drill must own it to restart it).`);
  }
  const port = db.port;
  return {
    url: db.url,
    port,
    // Fast shutdown (SIGINT: open transactions are rolled back, clients disconnected), then start again on
    // the same port and data directory.
    restart: async () => {
      const t0 = Date.now();
      await db.stop();
      db = await startEmbeddedPostgres({ dataDir, ephemeral: true, sharedBuffers, port });
      return { downMs: Date.now() - t0, backAt: Date.now() };
    },
    stop: () => db.stop(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What `file` holds past byte `from` (a start's own lines). */
function readFrom(file: string, from: number): string {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(Math.max(0, fs.fstatSync(fd).size - from));
    fs.readSync(fd, buf, 0, buf.length, from);
    return buf.toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

export class ChildProc {
  child: ChildProcess | null = null;
  starts = 0;
  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly readyLine: RegExp,
    private readonly logDir: string,
  ) {}

  /**
   * The child writes its output straight to its log file: through a pipe to this process (busy with 10,000
   * streams), a burst of error logs filled the pipe and blocked the child's event loop (Node writes to pipes
   * synchronously on Linux), which the drill then measured as the app's recovery. Ready = its ready line in the file.
   */
  async start(timeoutMs = 120_000): Promise<void> {
    this.starts++;
    const file = path.join(this.logDir, `${this.name}.log`);
    fs.appendFileSync(file, `\n=== start ${this.starts} at ${new Date().toISOString()} ===\n`);
    const from = fs.statSync(file).size;
    const fd = fs.openSync(file, "a");
    const child = spawn(process.execPath, this.args, { env: this.env, stdio: ["ignore", fd, fd] });
    fs.closeSync(fd); // the child has its own copy
    this.child = child;
    let exitCode: number | null | undefined;
    child.once("exit", (code) => (exitCode = code));
    const ready = new RegExp(this.readyLine.source, "m");
    for (const deadline = Date.now() + timeoutMs; !ready.test(readFrom(file, from)); await sleep(50)) {
      if (exitCode !== undefined) throw new Error(`${this.name} exited with ${exitCode} while starting (see ${file})`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not start within ${timeoutMs / 1000} s (see ${file})`);
    }
  }

  /** SIGKILL: no cleanup, no goodbye — as the OOM killer or a pulled plug would. */
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await exited;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  }
}

export async function appInstances(n: number, env: NodeJS.ProcessEnv, logDir: string): Promise<{ apps: ChildProc[]; ports: number[] }> {
  const ports: number[] = [];
  const apps: ChildProc[] = [];
  for (let i = 0; i < n; i++) {
    const port = await freePort();
    ports.push(port);
    apps.push(
      new ChildProc(`app${i + 1}`, ["--import", "tsx", ...profileArgs("drill"), "bench/drill/app-instance.ts"], { ...env, PORT: String(port), APP_URL: `http://127.0.0.1:${port}` }, /^listening \d+/, logDir),
    );
  }
  return { apps, ports };
}

export function workerProcess(env: NodeJS.ProcessEnv, logDir: string): ChildProc {
  return new ChildProc("worker", ["--import", "tsx", "scripts/worker.ts"], env, /job worker started/, logDir);
}
