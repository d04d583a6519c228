/**
 * Live dispatch benchmark (not a test):
 *   npm run bench:dispatch [-- --knights 10000 --servers 2 --tasks 30 --attempts 500 --slots 10 --runs 3 --bare 1000 --live-heap]
 * Database: a scratch database on DATABASE_URL's server (dropped at the end), else a scratch embedded
 * PostgreSQL (<MUSTER_DATA_DIR>/bench-dispatch, ephemeral). Seeds `knights` on-duty knights spread over a
 * 12 km disc around Nanjing (Xuanwu) with fresh positions, then forks `servers` app-like processes: node
 * http + the real handlers (the live stream's handleLiveSse as app/api/live/route.ts serves it, and the tRPC
 * fetch handler for `knightOffer.accept` as in app/api/trpc/[trpc]/route.ts; the actor comes from an
 * `x-bench-user` header instead of an Auth.js session) and each its own LiveHub. Every knight holds one
 * live stream (GET /api/live) to server (i mod servers) on loopback; this process is the client side and
 * the dispatcher.
 *
 * Per run:
 *  - OFFER: `tasks` knight tasks (10 places → 20 offers each), one after another, each at a random spot;
 *    time from calling startDispatch (the dispatcher posting the task) to each chosen knight's `offer.new`
 *    arriving on its SSE stream. Offers are published in the dispatch transaction; the NOTIFY wakes the hub
 *    of every server, which fetches the batch once and fans it out — so the knights on the other server
 *    prove the cross-instance path.
 *  - BASELINE (same run, no database): the same number of messages to the same chosen knights' connections,
 *    injected in-process into each server's hub (LiveHub.fanOutLocal → same subscription, SSE encoding,
 *    socket), and a RAW baseline: plain `res.write` SSE on `bare` extra connections.
 *  - SETTLEMENT: one task with `slots` places offered to `attempts` knights (offersPerSlot = attempts/slots);
 *    once every offer.new arrived, all knights POST knightOffer.accept at once over HTTP. Counts accepted,
 *    clear refusals (CONFLICT), other errors, and over-accepts in the database (ACCEPTED offers / live
 *    assignments beyond the places); settle latency = request → answer per attempt.
 * Prints a table (min / median / max over the runs) and a final JSON line.
 */
import http from "node:http";
import os from "node:os";
import fs from "node:fs";
import { parseArgs } from "node:util";
import seedrandom from "seedrandom";
import superjson from "superjson";
import { createPrismaClient } from "@/server/db";
import { migrate } from "@/scripts/lib/migrate";
import { createKnightNeed, seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { DISPATCH_CONFIG } from "@/server/modules/dispatch/dispatch-config";
import { CENTER, pointAround, seedOnDutyKnights } from "@/bench/lib/bench-knights";
import { scratchDatabase } from "@/bench/lib/scratch-database";
import { startBenchServer, type BenchServer } from "@/bench/lib/dispatch-bench-server";
import { getJson, openSse, postJson, sleep, waitFor } from "@/bench/lib/loopback-http";
import { pct, r1 } from "@/bench/lib/stats";
import { printDispatchReport, type RunResult } from "@/bench/lib/dispatch-report";
import { startLoopMonitor, type LoopStats } from "@/bench/lib/loop-monitor";
import { liveStreamPath } from "@/lib/schemas/live";


/** Arrival times (performance.now()) of offer.new per need → knight, and of baseline pings per seq. */
const arrivals = {
  offers: new Map<string, Map<string, number>>(),
  pings: new Map<number, number[]>(),
  bare: new Map<number, number[]>(),
  other: 0,
};

function onSseMessage(knightId: string | null, data: string) {
  const now = performance.now();
  let msg: { kind?: string; data?: Record<string, unknown>; seq?: number };
  try {
    msg = JSON.parse(data);
  } catch {
    return;
  }
  if (knightId === null) {
    const seq = Number(msg.seq);
    (arrivals.bare.get(seq) ?? arrivals.bare.set(seq, []).get(seq)!).push(now);
    return;
  }
  const e = msg;
  if (e.kind === "offer.new") {
    const needId = String(e.data?.needId);
    (arrivals.offers.get(needId) ?? arrivals.offers.set(needId, new Map()).get(needId)!).set(knightId, now);
  } else if (e.kind === "bench.ping") {
    const seq = Number(e.data?.seq);
    (arrivals.pings.get(seq) ?? arrivals.pings.set(seq, []).get(seq)!).push(now);
  } else arrivals.other++;
}


/** This process's event-loop delay and GC pauses (reset before each offer phase). */
const clientLoop = startLoopMonitor();

async function main() {
  const { values } = parseArgs({
    options: {
      knights: { type: "string" },
      servers: { type: "string" },
      tasks: { type: "string" },
      attempts: { type: "string" },
      slots: { type: "string" },
      runs: { type: "string" },
      bare: { type: "string" },
      // A full GC in each server at the end of every run, to report the heap it keeps (off by default: the
      // forced collection would spare the next run the natural one, which may fall in its offer phase).
      "live-heap": { type: "boolean" },
    },
  });
  const nKnights = Number(values.knights ?? 10_000);
  const nServers = Number(values.servers ?? 2);
  const nTasks = Number(values.tasks ?? 30);
  const attempts = Number(values.attempts ?? 500);
  const slots = Number(values.slots ?? 10);
  const runs = Number(values.runs ?? 3);
  const nBare = Number(values.bare ?? 1000);


  // A scratch database: on DATABASE_URL's server (created and dropped here) or an ephemeral embedded one.
  const { url, stop: stopDb } = await scratchDatabase("bench-dispatch");
  process.env.DATABASE_URL = url;
  const db = createPrismaClient(url, 8);
  const servers: BenchServer[] = [];
  try {
    await migrate(url, { quiet: true });
    const f = await seedDispatchFixtures(db);
    const knights = await seedOnDutyKnights(db, nKnights);
    const rnd = seedrandom("bench-dispatch-tasks");
    await db.$executeRawUnsafe("ANALYZE");

    console.info(`[bench] starting ${nServers} app server process(es) …`);
    for (let i = 0; i < nServers; i++) servers.push(await startBenchServer(url));
    const serverOf = (i: number) => servers[i % nServers]!;
    const knightIndex = new Map(knights.map((k, i) => [k.id, i]));

    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const t0 = performance.now();
    // A stream the server ends (its subscription refused with 503 on a loaded machine, say) is opened again, as
    // the app's client does; only until the bench shuts down.
    let closing = false;
    const connectKnight = (k: { id: string; userId: string }, idx: number): Promise<unknown> =>
      openSse(agent, serverOf(idx).port, liveStreamPath([`knight:${k.id}`]), { "x-bench-user": k.userId }, (d) => onSseMessage(k.id, d), () => {
        if (!closing) setTimeout(() => void connectKnight(k, idx).catch(() => {}), 500);
      });
    // 100 at a time: each subscription authorises its topics with one query, and 500 at once on a loaded 2-core
    // machine waited past the pool's 10 s connection timeout (503 on the stream, and the wait below never ended).
    for (let i = 0; i < nKnights; i += 100) {
      await Promise.all(
        knights.slice(i, i + 100).map((k, j) => connectKnight(k, i + j)),
      );
    }
    const subscribed = async () => (await Promise.all(servers.map((s) => s.ask({ type: "stats" })))).reduce((n, s) => n + Number(s.subscriptions), 0);
    for (let n = await subscribed(); n < nKnights; n = await subscribed()) {
      if (performance.now() - t0 > 300_000) throw new Error(`only ${n} of ${nKnights} live stream subscriptions started in 300 s`);
      await sleep(100);
    }
    console.info(`[bench] ${nKnights.toLocaleString("en-US")} live SSE connections open in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (let i = 0; i < nBare; i++) await openSse(agent, serverOf(i).port, `/bare?i=${i}`, {}, (d) => onSseMessage(null, d));

    let seq = 0;
    const results: RunResult[] = [];

    const postAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    const dispatchTask = async (at: { lat: number; lng: number }, quantity: number, config = DISPATCH_CONFIG) => {
      const needId = await createKnightNeed(db, f.incidentId, f.actors.dispatcherA.userId, {
        stagingLat: at.lat, stagingLng: at.lng, quantity, maxDistanceKm: 12, title: "送药到安置点",
      });
      const start = performance.now();
      await startDispatch(db, f.actors.dispatcherA, needId, { config });
      const committed = performance.now();
      const offers = await db.offer.findMany({ where: { needId }, select: { id: true, knightId: true } });
      await waitFor(() => (arrivals.offers.get(needId)?.size ?? 0) >= offers.length, 5000);
      return { needId, start, committed, offers };
    };

    // Warm-up (JIT, connection pools, plans): not measured. The accept path of every server too: its first
    // accepts compile their queries and open the servers' pools, which cost run 1 seconds on a loaded machine.
    const userOf = (id: string) => knights[knightIndex.get(id)!]!.userId;
    for (let i = 0; i < 3; i++) {
      const w = await dispatchTask(pointAround(rnd, 8), slots);
      await Promise.all(
        w.offers.map((o) =>
          postJson(postAgent, serverOf(knightIndex.get(o.knightId)!).port, "/api/trpc/knightOffer.accept", superjson.serialize({ offerId: o.id }), { "x-bench-user": userOf(o.knightId) }),
        ),
      );
    }

    for (let run = 0; run < runs; run++) {
      await db.$executeRawUnsafe(`UPDATE offer SET status = 'EXPIRED' WHERE status = 'PENDING'`);
      await db.$executeRawUnsafe(`UPDATE assignment SET status = 'CANCELLED' WHERE knight_id IS NOT NULL AND status IN ('ACCEPTED','MOBILIZED','EN_ROUTE','ON_SCENE')`);
      await db.$executeRawUnsafe(`UPDATE knight_profile SET last_position_at = now()`);

      // Event-loop delay and GC pauses during the offer phase, here (the client of 10,000 sockets) and per server.
      await Promise.all(servers.map((srv) => srv.ask({ type: "lagReset" })));
      clientLoop.reset();
      const fetchedBefore = await Promise.all(servers.map(async (srv) => ((await srv.ask({ type: "stats" })).fetchMs as number[]).length));
      // OFFER latency through the database and the hubs of every server.
      const lat: number[] = [];
      const afterCommit: number[] = [];
      const txMs: number[] = [];
      const chosen: string[][] = [];
      // [epoch ms at the post, transaction ms, slowest offer.new ms] per task, for BENCH_TIMELINE.
      const tasksTimeline: [number, number, number][] = [];
      let offersTotal = 0;
      let missing = 0;
      let cross = 0;
      for (let i = 0; i < nTasks; i++) {
        const task = await dispatchTask(pointAround(rnd, 8), slots);
        txMs.push(task.committed - task.start);
        const got = arrivals.offers.get(task.needId) ?? new Map<string, number>();
        tasksTimeline.push([Math.round(performance.timeOrigin + task.start), Math.round(task.committed - task.start), Math.round(Math.max(0, ...[...got.values()].map((at) => at - task.start)))]);
        for (const o of task.offers) {
          offersTotal++;
          const at = got.get(o.knightId);
          if (at === undefined) missing++;
          else {
            lat.push(at - task.start);
            afterCommit.push(at - task.committed);
            if (knightIndex.get(o.knightId)! % nServers !== 0) cross++;
          }
        }
        chosen.push(task.offers.map((o) => o.knightId));
        await sleep(50);
      }

      const serverLag = await Promise.all(servers.map((srv) => srv.ask({ type: "stats" })));
      const client = clientLoop.stats();
      if (process.env.BENCH_TIMELINE) {
        const loops = { client, servers: serverLag.map((x) => ({ timeline: x.timeline, gcs: x.gcs }) as Pick<LoopStats, "timeline" | "gcs">) };
        fs.writeFileSync(`${process.env.BENCH_TIMELINE}-run${run + 1}.json`, JSON.stringify({ tasks: tasksTimeline, ...loops }));
      }
      const offerLag = {
        client_lag_max_ms: r1(client.lagMaxMs),
        client_gc_max_ms: r1(client.gcMaxMs),
        server_lag_max_ms: r1(Math.max(...serverLag.map((x) => Number(x.lagMaxMs)))),
        server_gc_max_ms: r1(Math.max(...serverLag.map((x) => Number(x.gcMaxMs)))),
        server_heap_mb: r1(Math.max(...serverLag.map((x) => Number(x.heapMb)))),
      };
      // Hub fetch (read the new rows + hand them to subscribers) during the offer phase, on every server.
      const hubFetch = (
        await Promise.all(servers.map(async (srv, si) => ((await srv.ask({ type: "stats" })).fetchMs as number[]).slice(fetchedBefore[si]!)))
      ).flat();
      // BASELINE 1: same connections, same message counts, injected into the hubs in-process (no database).
      const base: number[] = [];
      for (const ks of chosen) {
        const s = ++seq;
        const start = performance.now();
        await Promise.all(
          servers.map((srv, si) => {
            const mine = ks.filter((k) => knightIndex.get(k)! % nServers === si);
            return mine.length ? srv.ask({ type: "inject", knightIds: mine, seq: s }) : Promise.resolve({});
          }),
        );
        await waitFor(() => (arrivals.pings.get(s)?.length ?? 0) >= ks.length, 5000);
        for (const at of arrivals.pings.get(s) ?? []) base.push(at - start);
        await sleep(50);
      }
      // BASELINE 2: raw SSE writes on plain connections (no tRPC, no hub, no database).
      const bare: number[] = [];
      for (const ks of chosen) {
        const s = ++seq;
        const ids = Array.from({ length: Math.min(ks.length, nBare) }, () => Math.floor(rnd() * nBare));
        const uniq = [...new Set(ids)];
        const start = performance.now();
        await Promise.all(
          servers.map((srv, si) => {
            const mine = uniq.filter((i) => i % nServers === si);
            return mine.length ? srv.ask({ type: "bare", ids: mine, seq: s }) : Promise.resolve({});
          }),
        );
        await waitFor(() => (arrivals.bare.get(s)?.length ?? 0) >= uniq.length, 5000);
        for (const at of arrivals.bare.get(s) ?? []) bare.push(at - start);
        await sleep(50);
      }

      // SETTLEMENT: `attempts` knights hold offers for `slots` places and all accept at once over HTTP.
      const perSlot = Math.ceil(attempts / slots);
      const settleTask = await dispatchTask(CENTER, slots, { ...DISPATCH_CONFIG, offersPerSlot: perSlot });
      const arrived = arrivals.offers.get(settleTask.needId) ?? new Map();
      const holders = settleTask.offers.filter((o) => arrived.has(o.knightId)).slice(0, attempts);
      // SETTLEMENT BASELINE (same run, same knights, same keep-alive connections, same servers): every holder
      // sends one trivial tRPC call (system.health: one SELECT 1) at once — the floor of a 500-request burst here.
      const settleBase: number[] = [];
      await Promise.all(
        holders.map(async (o) => {
          const st = performance.now();
          const res = await getJson(postAgent, serverOf(knightIndex.get(o.knightId)!).port, "/api/trpc/system.health", { "x-bench-user": userOf(o.knightId) });
          if (res.status !== 200) throw new Error(`baseline burst: HTTP ${res.status}`);
          settleBase.push(performance.now() - st);
        }),
      );
      await sleep(100);
      const settle: number[] = [];
      const tally = { accepted: 0, refused: 0, other: 0, rateLimited: 0 };
      const acceptsBefore = await Promise.all(servers.map(async (srv) => ((await srv.ask({ type: "stats" })).acceptMs as number[]).length));
      const sStart = performance.now();
      await Promise.all(
        holders.map(async (o) => {
          const st = performance.now();
          const res = await postJson(postAgent, serverOf(knightIndex.get(o.knightId)!).port, "/api/trpc/knightOffer.accept", superjson.serialize({ offerId: o.id }), {
            "x-bench-user": userOf(o.knightId),
          });
          settle.push(performance.now() - st);
          const body = res.json as { result?: { data?: { json?: { status?: string } } }; error?: { json?: { data?: { code?: string } } } };
          if (res.status === 200 && body.result?.data?.json?.status === "ACCEPTED") tally.accepted++;
          else if (body.error?.json?.data?.code === "CONFLICT") tally.refused++;
          else tally.other++;
          if (res.status === 429) tally.rateLimited++;
        }),
      );
      const settleAll = performance.now() - sStart;
      const serverSettle = (await Promise.all(servers.map(async (srv, si) => ((await srv.ask({ type: "stats" })).acceptMs as number[]).slice(acceptsBefore[si]!)))).flat();
      const [{ n: acceptedInDb }] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM offer WHERE need_id = $1 AND status = 'ACCEPTED'`, settleTask.needId);
      const [{ n: liveAssignments }] = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM assignment WHERE need_id = $1 AND status IN ('ACCEPTED','MOBILIZED','EN_ROUTE','ON_SCENE')`,
        settleTask.needId,
      );
      // Heap each server still holds after a full GC, at the end of the run (growth run over run = something kept).
      const liveHeap = values["live-heap"] ? await Promise.all(servers.map((srv) => srv.ask({ type: "liveHeap" }))) : [{ liveHeapMb: NaN }];
      if (process.env.BENCH_HEAP_SNAPSHOT_DIR) {
        for (const [si, srv] of servers.entries()) await srv.ask({ type: "heapSnapshot", file: `${process.env.BENCH_HEAP_SNAPSHOT_DIR}/server${si}-run${run + 1}.heapsnapshot` });
      }
      const r: RunResult = {
        offer_p50_ms: r1(pct(lat, 50)),
        offer_p99_ms: r1(pct(lat, 99)),
        offer_max_ms: r1(Math.max(...lat)),
        offers: offersTotal,
        offers_missing: missing,
        cross_instance_offers: cross,
        dispatch_tx_p50_ms: r1(pct(txMs, 50)),
        commit_to_offer_p99_ms: r1(pct(afterCommit, 99)),
        hub_fetch_p99_ms: r1(pct(hubFetch, 99)),
        baseline_p50_ms: r1(pct(base, 50)),
        baseline_p99_ms: r1(pct(base, 99)),
        bare_p50_ms: r1(pct(bare, 50)),
        bare_p99_ms: r1(pct(bare, 99)),
        accepted: tally.accepted,
        refused: tally.refused,
        other_errors: tally.other,
        rate_limited: tally.rateLimited,
        attempts_made: holders.length,
        over_accepts: Math.max(0, acceptedInDb - slots) + Math.max(0, liveAssignments - slots),
        settle_p50_ms: r1(pct(settle, 50)),
        settle_p99_ms: r1(pct(settle, 99)),
        settle_all_ms: r1(settleAll),
        settle_baseline_p50_ms: r1(pct(settleBase, 50)),
        settle_server_p50_ms: r1(pct(serverSettle, 50)),
        settle_server_p99_ms: r1(pct(serverSettle, 99)),
        settle_baseline_p99_ms: r1(pct(settleBase, 99)),
        settle_p99_ratio: Math.round((pct(settle, 99) / pct(settleBase, 99)) * 100) / 100,
        ...offerLag,
        server_live_heap_mb: r1(Math.max(...liveHeap.map((x) => Number(x.liveHeapMb)))),
        load_1m: r1(os.loadavg()[0]!),
      };
      results.push(r);
      console.info(
        `run ${run + 1}: event-loop lag max during offers: client ${r.client_lag_max_ms} ms (GC max ${r.client_gc_max_ms}), servers ${r.server_lag_max_ms} ms (GC max ${r.server_gc_max_ms}, heap ${r.server_heap_mb} MB)\n` +
          `run ${run + 1}: offers ${r.offers} (missing ${r.offers_missing}, other instance ${r.cross_instance_offers}) p50 ${r.offer_p50_ms} p99 ${r.offer_p99_ms} ms · ` +
          `baseline p99 ${r.baseline_p99_ms} ms · raw SSE p99 ${r.bare_p99_ms} ms · accept: ${r.accepted}/${slots} accepted, ${r.refused} refused, ` +
          `${r.other_errors} other (${r.rate_limited} rate-limited), ${r.over_accepts} over · settle p99 ${r.settle_p99_ms} ms (all ${holders.length} answered in ${r.settle_all_ms} ms)`,
      );
    }

    printDispatchReport(results, { slots, knights: nKnights, servers: nServers, runs });
    closing = true;
    agent.destroy();
    postAgent.destroy();
  } finally {
    for (const s of servers) s.child.kill("SIGTERM");
    await db.$disconnect();
    await sleep(300);
    await stopDb();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
