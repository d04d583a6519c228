import type { PrismaClient } from "@/server/db";
import { mapLimit } from "@/lib/map-limit";
import { AppError } from "@/server/errors";
import { loadOffers } from "@/server/modules/offers/offer-access";
import { DEFAULT_HOLD_MINUTES, sendOffer } from "@/server/modules/offers/send-offer";

/** Rows offered at once. */
const OFFER_CONCURRENCY = 4;

/**
 * Auto mode: offers proposed rows. One after another, 23 rows took 29 s in the surge drill's storm (each offer is ~12
 * statements, and each waits its turn on a busy server), past the dispatcher's timeout. So the rows are read in one
 * query and offered a few at a time, each in its own short transaction (sendOffer: resource, then need, locked the
 * way every offer takes them). Longer transactions were tried (all rows in one: still 20 s for 23 rows; a need's
 * rows in one, needs side by side) and held several listings' locks for seconds each, for no gain. A row that cannot
 * be offered (its unit booked meanwhile, the need filled, the resource withdrawn: CONFLICT) stays PROPOSED for the
 * dispatcher. Returns the ids offered.
 */
export async function offerProposedRows(db: PrismaClient, actorId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const offers = await loadOffers(db, ids);
  if (offers.length < new Set(ids).size) throw new AppError("NOT_FOUND", "This offer does not exist.");
  const byId = new Map(offers.map((o) => [o.id, o]));
  const offered = await mapLimit(ids, OFFER_CONCURRENCY, async (id) => {
    try {
      await sendOffer(db, byId.get(id)!, actorId, DEFAULT_HOLD_MINUTES);
      return id;
    } catch (e) {
      if (e instanceof AppError && e.code === "CONFLICT") return null;
      throw e;
    }
  });
  return new Set(offered.filter((id): id is string => id !== null));
}
