import type { PrismaClient } from "@/server/db";
import { mapLimit } from "@/lib/map-limit";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import { AppError } from "@/server/errors";
import { isOverlapViolation, loadOffers, type OfferContext } from "@/server/modules/offers/offer-access";
import { DEFAULT_HOLD_MINUTES, sendOfferInTx } from "@/server/modules/offers/send-offer";

/** Needs whose rows are offered at once (each need's rows are one transaction: they wait on its lock anyway). */
const NEED_CONCURRENCY = 4;

/**
 * Auto mode: offers proposed rows. One transaction per row, one after another, took 29 s for 23 rows in the surge
 * drill's storm (each statement waits its turn on a busy server, ~12 per offer), past the dispatcher's timeout; one
 * transaction for all of them still took 20 s. So the rows are read in one query, grouped by need — a need's rows
 * take its lock one after the other whatever we do — and the needs are offered a few at a time, each in one
 * transaction that locks its rows' resources in id order, then the need: the order a single offer or accept takes
 * them in (resource, then need), so this cannot deadlock with those, nor with itself. A row that cannot be offered
 * (its unit booked meanwhile, the need filled, the resource withdrawn: CONFLICT) is rolled back to its own savepoint
 * and stays PROPOSED for the dispatcher; any other failure rolls back that need's offers and is thrown. Returns the
 * ids offered.
 */
export async function offerProposedRows(db: PrismaClient, actorId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const offers = await loadOffers(db, ids);
  if (offers.length < new Set(ids).size) throw new AppError("NOT_FOUND", "This offer does not exist.");
  const byNeed = new Map<string, OfferContext[]>();
  for (const id of ids) {
    const o = offers.find((x) => x.id === id)!;
    byNeed.set(o.needId, [...(byNeed.get(o.needId) ?? []), o]);
  }
  const offered = await mapLimit([...byNeed.values()], NEED_CONCURRENCY, (rows) => offerNeedRows(db, actorId, rows));
  return new Set(offered.flat());
}

async function offerNeedRows(db: PrismaClient, actorId: string, rows: OfferContext[]): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const resourceIds = [...new Set(rows.map((o) => o.resourceId))].sort();
    await tx.$queryRaw`SELECT id FROM resource WHERE id = ANY(${resourceIds}::text[]) ORDER BY id FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM need WHERE id = ${rows[0]!.needId} FOR UPDATE`;
    const offered: string[] = [];
    for (const o of rows) {
      await tx.$executeRawUnsafe("SAVEPOINT auto_offer");
      try {
        await sendOfferInTx(tx, o, actorId, DEFAULT_HOLD_MINUTES);
        await tx.$executeRawUnsafe("RELEASE SAVEPOINT auto_offer");
        offered.push(o.id);
      } catch (e) {
        if (!(isOverlapViolation(e) || (e instanceof AppError && e.code === "CONFLICT"))) throw e;
        await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT auto_offer");
      }
    }
    return offered;
  }, CONTENDED_TX_OPTIONS);
}
