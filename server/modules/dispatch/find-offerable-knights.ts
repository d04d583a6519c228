import type { Db } from "@/server/db";
import { DISPATCH_CONFIG, type DispatchConfig } from "@/server/modules/dispatch/dispatch-config";
import { routePoints, taskOrigin, taskWindow, type DispatchNeed } from "@/server/modules/dispatch/dispatch-need";
import { eligibleKnightsSql } from "@/server/modules/dispatch/eligible-knights-sql";
import { blockingZone, loadActiveZones, type ActiveZone } from "@/server/modules/dispatch/hazard-filter";
import { rankKnights } from "@/server/modules/dispatch/knight-ranking";

/** Internal: carries the exact distance for banding; never leaves the dispatch module. */
export type OfferableKnight = { id: string; distanceM: number; completedCount: number; noShowCount: number; declinedCount: number };

type Row = OfferableKnight & { lat: number; lng: number; trainings: string[] };

/**
 * Up to `want` knights to offer the task to, within `radiusKm`: the SQL's eligible nearest knights, minus
 * those a hazard zone keeps off this task, ranked (nearest first, nudged by record). The SQL is asked for
 * a margin beyond `want` so hazard exclusions and re-ranking still fill the wave; if exclusions eat the
 * margin, the query is repeated with a larger limit. `knownZones`: the active zones, when the caller already read them.
 */
export async function findOfferableKnights(
  db: Db,
  need: DispatchNeed,
  radiusKm: number,
  want: number,
  now: Date,
  cfg: DispatchConfig = DISPATCH_CONFIG,
  knownZones?: readonly ActiveZone[],
): Promise<OfferableKnight[]> {
  if (want <= 0) return [];
  const zones = knownZones ?? (await loadActiveZones(db, need.incidentId));
  const route = routePoints(need);
  let limit = want * 3 + 10;
  for (;;) {
    const rows = await db.$queryRaw<Row[]>(
      eligibleKnightsSql({
        needId: need.id,
        origin: taskOrigin(need),
        radiusM: radiusKm * 1000,
        requiredVehicle: need.requiredVehicle,
        cargoKg: need.cargoKg ?? 0,
        requiredTrainings: need.requiredTrainings,
        deadline: need.neededBy,
        window: taskWindow(need, now),
        freshSince: new Date(now.getTime() - cfg.positionFreshMinutes * 60_000),
        limit,
      }),
    );
    const allowed = rows.filter((r) => blockingZone(r, route, zones) === null);
    if (allowed.length >= want || rows.length < limit || limit >= 5000) {
      return rankKnights(
        allowed.map((r) => ({ id: r.id, distanceM: r.distanceM, completedCount: r.completedCount, noShowCount: r.noShowCount, declinedCount: r.declinedCount })),
      ).slice(0, want);
    }
    limit *= 4;
  }
}
