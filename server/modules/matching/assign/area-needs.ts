import type { Db } from "@/server/db";
import { ASSIGNABLE_NEED_STATUSES } from "@/server/modules/matching/assign/load-assignment-inputs";
import { haversineKm } from "@/server/modules/offers/offer-inbox";

/** Incidents an area proposal sweeps: running ones (a draft or closed incident is not dispatched from afar). */
export const AREA_INCIDENT_STATUSES = ["ACTIVE", "CONTAINED"] as const;

export type AreaQuery = { lat: number; lng: number; radiusKm: number; withinMinutes: number };

const KM_PER_DEGREE_LAT = 111.32;

/** A lat/lng box around the circle, a little larger than it (the exact great-circle test follows). No antimeridian wrap. */
export function boundingBox(lat: number, lng: number, radiusKm: number) {
  const dLat = (radiusKm / KM_PER_DEGREE_LAT) * 1.01;
  const cos = Math.cos((lat * Math.PI) / 180);
  // near a pole a degree of longitude is tiny: do not bound longitude there at all
  const dLng = cos < 0.01 ? 180 : (radiusKm / (KM_PER_DEGREE_LAT * cos)) * 1.01;
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/**
 * Open needs (OPEN / PARTIALLY_FILLED) of running incidents whose staging point lies within the circle and
 * whose needed-by is at most `withinMinutes` from `now` — needs already due are included, they are the
 * most pressing. Only incidents of `orgIds` (null = every organisation: platform admins): the scope is
 * in the query, so a need the caller may not dispatch is never read. Nearest needed-by first.
 */
export async function findAreaNeeds(db: Db, orgIds: string[] | null, area: AreaQuery, now: Date): Promise<{ id: string; incidentId: string }[]> {
  const box = boundingBox(area.lat, area.lng, area.radiusKm);
  const rows = await db.need.findMany({
    where: {
      status: { in: [...ASSIGNABLE_NEED_STATUSES] },
      neededBy: { lte: new Date(now.getTime() + area.withinMinutes * 60_000) },
      stagingLat: { gte: box.minLat, lte: box.maxLat },
      stagingLng: { gte: box.minLng, lte: box.maxLng },
      incident: { status: { in: [...AREA_INCIDENT_STATUSES] }, ...(orgIds === null ? {} : { orgId: { in: orgIds } }) },
    },
    select: { id: true, incidentId: true, stagingLat: true, stagingLng: true },
    orderBy: [{ neededBy: "asc" }, { id: "asc" }],
  });
  return rows
    .filter((r) => haversineKm(area.lat, area.lng, r.stagingLat, r.stagingLng) <= area.radiusKm)
    .map((r) => ({ id: r.id, incidentId: r.incidentId }));
}
