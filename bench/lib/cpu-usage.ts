/**
 * CPU time spent by this process's descendants, split into Node (the app instances) and PostgreSQL (the
 * embedded server's postmaster and backends), read from /proc: what a request costs each side, so a bench can
 * say where a ratio's difference is spent. Linux only; elsewhere, or when the database is not this process's
 * child (a DATABASE_URL server), that side reads 0.
 */
import fs from "node:fs";

export type CpuSplit = { nodeMs: number; postgresMs: number };

const TICK_MS = 10; // USER_HZ is 100 on Linux

type Proc = { pid: number; ppid: number; comm: string; ms: number };

function readProcs(): Proc[] {
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const procs: Proc[] = [];
  for (const pid of pids) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // comm may hold spaces and parentheses: the fields after it start past the last ')'.
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const f = stat.slice(close + 2).split(" ");
    // f[1] ppid; f[11..14] utime, stime, cutime, cstime (children reaped: a postmaster's exited backends)
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    procs.push({ pid: Number(pid), ppid: Number(f[1]), comm, ms: ticks * TICK_MS });
  }
  return procs;
}

/** CPU used so far by every descendant of this process (not itself: the load generator). */
export function descendantsCpu(): CpuSplit {
  const procs = readProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const split: CpuSplit = { nodeMs: 0, postgresMs: 0 };
  const stack = [...(children.get(process.pid) ?? [])];
  for (let p = stack.pop(); p; p = stack.pop()) {
    if (p.comm.startsWith("postgres")) split.postgresMs += p.ms;
    else if (p.comm.startsWith("node")) split.nodeMs += p.ms;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return split;
}

/** CPU per unit of work between two readings. */
export function cpuPer(before: CpuSplit, after: CpuSplit, units: number): CpuSplit {
  return { nodeMs: (after.nodeMs - before.nodeMs) / units, postgresMs: (after.postgresMs - before.postgresMs) / units };
}

/**
 * BENCH_CPU_PROF=1: Node flags for a CPU profile of a bench's child process, written when it exits normally, in
 * BENCH_CPU_PROF_DIR or /tmp/prof-<name>.
 */
export const profileArgs = (name: string): string[] =>
  process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR ?? `/tmp/prof-${name}`}`] : [];
