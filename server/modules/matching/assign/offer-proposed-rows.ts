import type { PrismaClient } from "@/server/db";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import { AppError } from "@/server/errors";
import { isOverlapViolation, loadOffer } from "@/server/modules/offers/offer-access";
import { DEFAULT_HOLD_MINUTES, sendOfferInTx } from "@/server/modules/offers/send-offer";

/**
 * Auto mode: offers proposed rows, all in one transaction. One by one, each offer was a transaction of its own that
 * waited for a pooled connection and its locks: in the surge drill 23 rows took 29 s, past the dispatcher's timeout.
 * The rows' resources, then their needs, are locked first, each in id order — the order a single offer or accept
 * takes them in (resource, then need) — so this cannot deadlock with those, nor with another auto proposal. A row
 * that cannot be offered (its unit booked meanwhile, the need filled, the resource withdrawn: CONFLICT) is rolled
 * back to its own savepoint and stays PROPOSED for the dispatcher; any other failure rolls back every offer.
 * Returns the ids offered.
 */
export async function offerProposedRows(db: PrismaClient, actorId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return db.$transaction(async (tx) => {
    const offers = [];
    for (const id of ids) offers.push(await loadOffer(tx, id));
    const resourceIds = [...new Set(offers.map((o) => o.resourceId))].sort();
    const needIds = [...new Set(offers.map((o) => o.needId))].sort();
    await tx.$queryRaw`SELECT id FROM resource WHERE id = ANY(${resourceIds}::text[]) ORDER BY id FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM need WHERE id = ANY(${needIds}::text[]) ORDER BY id FOR UPDATE`;
    const offered = new Set<string>();
    for (const o of offers) {
      await tx.$executeRawUnsafe("SAVEPOINT auto_offer");
      try {
        await sendOfferInTx(tx, o, actorId, DEFAULT_HOLD_MINUTES);
        await tx.$executeRawUnsafe("RELEASE SAVEPOINT auto_offer");
        offered.add(o.id);
      } catch (e) {
        if (!(isOverlapViolation(e) || (e instanceof AppError && e.code === "CONFLICT"))) throw e;
        await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT auto_offer");
      }
    }
    return offered;
  }, CONTENDED_TX_OPTIONS);
}
