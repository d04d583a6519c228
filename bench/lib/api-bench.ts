/**
 * The end-to-end part of `npm run bench:match`: "post need → ranked, explained candidates" through REST v1
 * (`POST /api/v1/needs/{id}/match` with an organisation API key) under `concurrency` simultaneous requesters.
 * The route handler runs in child processes (bench/lib/api-server.mts), one app instance per CPU as a
 * deployment would run them; requests are spread over the instances round-robin (a load balancer's job) and go
 * over loopback HTTP with keep-alive, from a lean node:http client (as autocannon). The needs are real Need rows
 * (random, around random resources) in one incident of the demo government organisation, removed afterwards. Baseline in the same run: `GET /api/v1/health` (HTTP + route +
 * one database round trip) under the same concurrency.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import http from "node:http";
import readline from "node:readline";
import type { PrismaClient } from "@/server/db";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { randomBenchNeeds } from "@/bench/lib/candidate-bench";
import { pct, r3 } from "@/bench/lib/stats";
import { requestStatus } from "@/bench/lib/loopback-http";
import { cpuPer, descendantsCpu, profileArgs } from "@/bench/lib/cpu-usage";

export type ApiBenchResult = {
  api_p50_ms: number;
  api_p95_ms: number;
  api_p99_ms: number;
  api_rps: number;
  api_errors: number;
  health_p95_ms: number;
  /** Both loads keep the machine busy, so each p95 is ~20 × a request's CPU over 2 cores: the rates tell the costs. */
  health_rps: number;
  /** CPU per request, app instances (Node) and database (PostgreSQL), from /proc (bench/lib/cpu-usage.ts). */
  api_node_cpu_ms: number;
  api_db_cpu_ms: number;
  health_node_cpu_ms: number;
  health_db_cpu_ms: number;
  requests: number;
  concurrency: number;
  instances: number;
};

export type ApiFixture = { needIds: string[]; key: string; cleanup: () => Promise<void> };

/** Real needs + an API key of the organisation that owns their incident. */
export async function createApiFixture(db: PrismaClient, count: number, seed = 7): Promise<ApiFixture> {
  const incident = await db.incident.findFirstOrThrow({
    where: { status: "ACTIVE", org: { verification: "VERIFIED" } },
    select: { id: true, orgId: true, createdById: true },
    orderBy: { createdAt: "asc" },
  });
  const needs = await randomBenchNeeds(db, count, seed);
  const tag = `bench-api-${Date.now()}`;
  await db.need.createMany({
    data: needs.map((n, i) => ({
      incidentId: incident.id,
      typeId: n.typeId,
      category: n.category as never,
      title: `${tag} #${i}`,
      requiredCapabilities: n.requiredCapabilities,
      quantity: n.quantityOpen,
      unit: "unit",
      stagingLat: n.stagingLat,
      stagingLng: n.stagingLng,
      stagingAddress: "bench",
      neededBy: n.neededBy,
      durationMinutes: n.durationMinutes,
      priority: n.priority as never,
      maxDistanceKm: n.maxDistanceKm,
      status: "OPEN",
      createdById: incident.createdById,
    })),
  });
  const rows = await db.need.findMany({ where: { title: { startsWith: tag } }, select: { id: true } });
  const k = generateApiKey();
  const apiKey = await db.apiKey.create({
    data: { orgId: incident.orgId, name: tag, prefix: k.prefix, hashedKey: k.hashedKey, createdById: incident.createdById, scopes: ["match:read"] },
    select: { id: true },
  });
  return {
    needIds: rows.map((r) => r.id),
    key: k.key,
    cleanup: async () => {
      await db.need.deleteMany({ where: { title: { startsWith: tag } } });
      await db.apiKey.delete({ where: { id: apiKey.id } });
    },
  };
}

export type ApiServers = { bases: string[]; stop: () => void };

/** `instances` app processes serving REST v1 on loopback. */
export async function startApiServers(env: NodeJS.ProcessEnv, instances: number): Promise<ApiServers> {
  const started = await Promise.all(Array.from({ length: instances }, () => startApiServer(env)));
  return { bases: started.map((s) => s.base), stop: () => started.forEach((s) => s.child.kill("SIGTERM")) };
}

async function startApiServer(env: NodeJS.ProcessEnv): Promise<{ base: string; child: ChildProcess }> {
  const entry = path.resolve(import.meta.dirname ?? __dirname, "api-server.mts");
  const child = spawn(process.execPath, ["--import", "tsx", ...profileArgs("api"), entry], { env, stdio: ["ignore", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`api server exited with ${code}`)));
    lines.on("line", (line) => {
      const m = /^listening (\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

/** `total` requests from `concurrency` looping clients; per-request latency in ms. */
async function load(concurrency: number, total: number, send: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const s = performance.now();
        const status = await send(i);
        latencies.push(performance.now() - s);
        if (status < 200 || status > 299) errors++;
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - t0) / 1000 };
}

export async function runApiBench(
  bases: string[],
  fixture: ApiFixture,
  opts: { concurrency?: number; requests?: number } = {},
): Promise<ApiBenchResult> {
  const concurrency = opts.concurrency ?? 20;
  const total = opts.requests ?? 2000;
  const headers = { authorization: `Bearer ${fixture.key}`, "content-type": "application/json" };
  // A lean keep-alive client per instance (plain node:http, as autocannon): the load generator shares the
  // machine's two cores with the servers and PostgreSQL, so it should cost as little as it can.
  const agents = bases.map(() => new http.Agent({ keepAlive: true, maxSockets: concurrency }));
  const via = (i: number) => ({ agent: agents[i % bases.length]!, base: bases[i % bases.length]! });
  const matchUrl = (i: number) => `${via(i).base}/api/v1/needs/${fixture.needIds[i % fixture.needIds.length]}/match`;
  const match = (i: number) => requestStatus(via(i).agent, new URL(matchUrl(i)), "POST", "{}", headers);
  try {
    const health = (i: number) => requestStatus(via(i).agent, new URL(`${via(i).base}/api/v1/health`), "GET", null, {});
    // Warm-up of both routes (JIT, prepared statements): a cold baseline made the first run's ratio look better.
    await load(concurrency, Math.min(200, total), (i) => match(i + 7919));
    await load(concurrency, Math.min(200, total), health);
    const cpu0 = descendantsCpu();
    const healthRun = await load(concurrency, Math.min(1000, total), health);
    const cpu1 = descendantsCpu();
    const api = await load(concurrency, total, match);
    const healthCpu = cpuPer(cpu0, cpu1, Math.min(1000, total));
    const apiCpu = cpuPer(cpu1, descendantsCpu(), total);
    if (api.errors > 0) {
      const res = await fetch(matchUrl(0), { method: "POST", headers, body: "{}" });
      throw new Error(`match API answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    return {
      api_p50_ms: r3(pct(api.latencies, 50)),
      api_p95_ms: r3(pct(api.latencies, 95)),
      api_p99_ms: r3(pct(api.latencies, 99)),
      api_rps: Math.round(total / api.seconds),
      api_errors: api.errors,
      health_p95_ms: r3(pct(healthRun.latencies, 95)),
      health_rps: Math.round(Math.min(1000, total) / healthRun.seconds),
      api_node_cpu_ms: r3(apiCpu.nodeMs),
      api_db_cpu_ms: r3(apiCpu.postgresMs),
      health_node_cpu_ms: r3(healthCpu.nodeMs),
      health_db_cpu_ms: r3(healthCpu.postgresMs),
      requests: total,
      concurrency,
      instances: bases.length,
    };
  } finally {
    for (const a of agents) a.destroy();
  }
}
