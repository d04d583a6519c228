import type { Db } from "@/server/db";
import { publishLive } from "@/server/modules/live/publish-live";
import { DISPATCH_CONFIG, type DispatchConfig } from "@/server/modules/dispatch/dispatch-config";
import { isLiveNeed, lockDispatchNeed } from "@/server/modules/dispatch/dispatch-need";
import { latestWave, offerWithdrawnEvent, publishDispatchUpdated } from "@/server/modules/dispatch/dispatch-status";
import { topUpOffers } from "@/server/modules/dispatch/dispatch-waves";

/**
 * A knight went off duty: their pending offers are withdrawn (the knight's app hears `offer.withdrawn`
 * CANCELLED) and each place passes on at once, like a decline that does not count against the knight.
 * Needs are locked one at a time in id order (the same lock every dispatch step takes first), inside the
 * caller's transaction.
 */
export async function withdrawOffersOfKnight(tx: Db, knightId: string, now: Date, cfg: DispatchConfig = DISPATCH_CONFIG): Promise<number> {
  const pending = await tx.offer.findMany({ where: { knightId, status: "PENDING" }, select: { id: true, needId: true }, orderBy: { needId: "asc" } });
  let withdrawn = 0;
  for (const o of pending) {
    const need = await lockDispatchNeed(tx, o.needId);
    const { count } = await tx.offer.updateMany({ where: { id: o.id, status: "PENDING" }, data: { status: "WITHDRAWN", respondedAt: now } });
    if (count === 0) continue;
    withdrawn += 1;
    await publishLive(tx, [offerWithdrawnEvent(knightId, o.id, o.needId, "CANCELLED")]);
    const wave = await latestWave(tx, o.needId);
    if (wave && !wave.closedAt && isLiveNeed(need)) await topUpOffers(tx, need, wave, now, cfg);
    await publishDispatchUpdated(tx, need, now);
  }
  return withdrawn;
}
