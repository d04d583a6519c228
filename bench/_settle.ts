import { createPrismaClient } from "@/server/db";
import { migrate } from "@/scripts/lib/migrate";
import { scratchDatabase } from "@/bench/lib/scratch-database";
import { createKnight, createKnightNeed, northOf, seedDispatchFixtures } from "@/server/modules/dispatch/test-fixtures";
import { startDispatch } from "@/server/modules/dispatch/dispatch-waves";
import { DISPATCH_CONFIG } from "@/server/modules/dispatch/dispatch-config";
import { acceptKnightOffer } from "@/server/modules/dispatch/answer-knight-offer";
async function main() {
  const { url, stop } = await scratchDatabase("bench-settle");
  process.env.DATABASE_URL = url;
  await migrate(url, { quiet: true });
  const db = createPrismaClient(url, 8);
  const f = await seedDispatchFixtures(db);
  const ks = [];
  for (let i = 0; i < 60; i++) ks.push(await createKnight(db, northOf(0.2 + i * 0.02)));
  for (let round = 0; round < 6; round++) {
    await db.$executeRawUnsafe(`UPDATE assignment SET status = 'CANCELLED' WHERE knight_id IS NOT NULL`);
    await db.$executeRawUnsafe(`UPDATE offer SET status = 'EXPIRED' WHERE status = 'PENDING'`);
    const needId = await createKnightNeed(db, f.incidentId, f.actors.dispatcherA.userId, { stagingLat: 32.05, stagingLng: 118.79, quantity: 10 });
    await startDispatch(db, f.actors.dispatcherA, needId, { config: { ...DISPATCH_CONFIG, offersPerSlot: 6 } });
    const offers = await db.offer.findMany({ where: { needId }, select: { id: true, knightId: true } });
    const byK = new Map(ks.map((k) => [k.id, k]));
    const t = performance.now();
    const lat: number[] = [];
    const res = await Promise.all(offers.map(async (o) => { const s = performance.now(); try { await acceptKnightOffer(db, byK.get(o.knightId)!.actor, o.id); return 1; } catch { return 0; } finally { lat.push(performance.now() - s); } }));
    lat.sort((a, b) => a - b);
    console.log(`round ${round}: ${offers.length} attempts, ${res.reduce((a: number, b) => a + b, 0)} won, all in ${(performance.now() - t).toFixed(1)} ms, p50 ${lat[lat.length >> 1]!.toFixed(1)}`);
  }
  const ids = (await db.assignment.findMany({ take: 10, select: { id: true } })).map((a) => a.id);
  for (let r = 0; r < 5; r++) {
    await db.$transaction(async (tx) => {
      let t = performance.now();
      await tx.assignment.updateMany({ where: { id: { in: ids } }, data: { taskStage: "ACCEPTED" } });
      const a = performance.now() - t; t = performance.now();
      await tx.$executeRawUnsafe(`UPDATE assignment SET task_stage = 'ACCEPTED' WHERE id = ANY($1)`, ids);
      const b = performance.now() - t; t = performance.now();
      await tx.$queryRawUnsafe(`SELECT 1`);
      const c = performance.now() - t; t = performance.now();
      await tx.liveEvent.createMany({ data: [{ topic: "x", kind: "y", data: {} }] });
      const d = performance.now() - t; t = performance.now();
      await tx.offer.count({ where: { needId: "x", status: "PENDING" } });
      const e = performance.now() - t;
      console.log({ prismaUpdateMany: a.toFixed(1), rawUpdate: b.toFixed(1), select1: c.toFixed(1), liveInsert: d.toFixed(1), count: e.toFixed(1) });
    });
  }
  await db.$disconnect();
  await stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
