/**
 * The live part of `npm run bench:command` (bench/command.ts): in a scratch database with `knights` on-duty
 * knights, two app-like server processes (bench/lib/dispatch-bench-server.ts: the real live stream and tRPC
 * handlers and a LiveHub each). Every knight follows its own topic; two command centres (an admin, one per server, so the
 * cross-instance path counts) follow `region:320000` (Jiangsu). Per sample, in the same run and database:
 *  - COMMAND: a need is posted on a live incident in Xuanwu (320102); the need trigger writes the
 *    `region:<code>` events in that transaction; time from the INSERT's commit (the client got its answer)
 *    to the event arriving on each command centre's SSE stream;
 *  - KNIGHTS: the need is dispatched (startDispatch, as bench:dispatch does); time from that commit to each
 *    offered knight's `offer.new` arriving.
 */
import http from "node:http";
import seedrandom from "seedrandom";
import { createPrismaClient } from "@/server/db";
import { migrate } from "@/scripts/lib/migrate";
import { createKnightNeed, seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { pointAround, seedOnDutyKnights } from "@/bench/lib/bench-knights";
import { scratchDatabase } from "@/bench/lib/scratch-database";
import { startBenchServer, type BenchServer } from "@/bench/lib/dispatch-bench-server";
import { openSse, sleep, waitFor } from "@/bench/lib/loopback-http";
import { pct, r1 } from "@/bench/lib/stats";
import { liveStreamPath, type TLiveEventDto } from "@/lib/schemas/live";

export type LiveFigures = { live_p50_ms: number; live_p95_ms: number; knight_offer_p50_ms: number; knight_offer_p95_ms: number; live_samples: number; offer_samples: number; live_missing: number };

export type LiveBench = { run: (samples: number) => Promise<LiveFigures>; stop: () => Promise<void> };

export async function startLiveBench(opts: { knights: number; log: (l: string) => void }): Promise<LiveBench> {
  const { url, stop: stopDb } = await scratchDatabase("bench-command-live");
  process.env.DATABASE_URL = url;
  const db = createPrismaClient(url, 8);
  const servers: BenchServer[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const offers = new Map<string, Map<string, number>>();
  const command: { at: number; source: string; sub: number }[] = [];
  try {
    await migrate(url, { quiet: true });
    const f = await seedDispatchFixtures(db);
    const knights = await seedOnDutyKnights(db, opts.knights);
    await db.$executeRawUnsafe("ANALYZE");
    for (let i = 0; i < 2; i++) servers.push(await startBenchServer(url));
    const parse = (d: string) => {
      try {
        return JSON.parse(d) as TLiveEventDto;
      } catch {
        return undefined;
      }
    };
    for (let i = 0; i < knights.length; i += 500) {
      await Promise.all(
        knights.slice(i, i + 500).map((k, j) =>
          openSse(agent, servers[(i + j) % 2]!.port, liveStreamPath([`knight:${k.id}`]), { "x-bench-user": k.userId }, (d) => {
            const e = parse(d);
            if (e?.kind !== "offer.new") return;
            const needId = String(e.data?.needId);
            (offers.get(needId) ?? offers.set(needId, new Map()).get(needId)!).set(k.id, performance.now());
          }),
        ),
      );
    }
    for (let s = 0; s < 2; s++) {
      await openSse(agent, servers[s]!.port, liveStreamPath(["region:320000"]), { "x-bench-user": f.actors.admin.userId, "x-bench-role": "ADMIN" }, (d) => {
        const e = parse(d);
        if (e?.kind === "command.changed") command.push({ at: performance.now(), source: String(e.data?.source), sub: s });
      });
    }
    const subscribed = async () => (await Promise.all(servers.map((s) => s.ask({ type: "stats" })))).reduce((n, s) => n + Number(s.subscriptions), 0);
    while ((await subscribed()) < knights.length + 2) await sleep(100);
    opts.log(`[bench] live: ${knights.length.toLocaleString("en-US")} knights and 2 command centres (region:320000) subscribed over 2 servers`);
    const rnd = seedrandom("bench-command-live");

    const sample = async (liveMs: number[], offerMs: number[]) => {
      const before = command.length;
      const at = pointAround(rnd, 8);
      const needId = await createKnightNeed(db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: at.lat, stagingLng: at.lng, quantity: 5, maxDistanceKm: 12, title: "送药到安置点" });
      const posted = performance.now();
      const got = await waitFor(() => command.slice(before).filter((c) => c.source === "need.changed").length >= 2, 5000);
      for (const c of command.slice(before).filter((x) => x.source === "need.changed").slice(0, 2)) liveMs.push(c.at - posted);
      await startDispatch(db, f.actors.dispatcherA, needId);
      const committed = performance.now();
      const sent = await db.offer.findMany({ where: { needId }, select: { knightId: true } });
      await waitFor(() => (offers.get(needId)?.size ?? 0) >= sent.length, 5000);
      for (const o of sent) {
        const a = offers.get(needId)?.get(o.knightId);
        if (a !== undefined) offerMs.push(a - committed);
      }
      await sleep(100); // let this sample's dispatch events drain before the next need is posted
      return got;
    };
    for (let i = 0; i < 3; i++) await sample([], []); // warm-up: JIT, pools, plans
    return {
      run: async (samples: number) => {
        await db.$executeRawUnsafe(`UPDATE offer SET status = 'EXPIRED' WHERE status = 'PENDING'`);
        await db.$executeRawUnsafe(`UPDATE knight_profile SET last_position_at = now()`);
        const liveMs: number[] = [];
        const offerMs: number[] = [];
        let missing = 0;
        for (let i = 0; i < samples; i++) if (!(await sample(liveMs, offerMs))) missing++;
        return {
          live_p50_ms: r1(pct(liveMs, 50)),
          live_p95_ms: r1(pct(liveMs, 95)),
          knight_offer_p50_ms: r1(pct(offerMs, 50)),
          knight_offer_p95_ms: r1(pct(offerMs, 95)),
          live_samples: liveMs.length,
          offer_samples: offerMs.length,
          live_missing: missing,
        };
      },
      stop: async () => {
        agent.destroy();
        for (const s of servers) s.child.kill("SIGTERM");
        await db.$disconnect();
        await sleep(300);
        await stopDb();
      },
    };
  } catch (e) {
    agent.destroy();
    for (const s of servers) s.child.kill("SIGTERM");
    await db.$disconnect();
    await stopDb();
    throw e;
  }
}
