import type { Db } from "@/server/db";
import { ZHazardGeometry } from "@/lib/schemas/dispatch";
import { pointInGeometry, type PolygonGeometry } from "@/server/modules/dispatch/point-in-polygon";

export type ActiveZone = {
  id: string;
  requiredTraining: string | null;
  geometry: PolygonGeometry;
  bbox: { minLat: number; minLng: number; maxLat: number; maxLng: number };
};

type Point = { lat: number; lng: number };

function inZone(p: Point, z: ActiveZone): boolean {
  const b = z.bbox;
  if (p.lat < b.minLat || p.lat > b.maxLat || p.lng < b.minLng || p.lng > b.maxLng) return false;
  return pointInGeometry(p.lat, p.lng, z.geometry);
}

/**
 * The zone that keeps this knight off the task, or null. A zone applies when the knight stands inside it
 * or the route ends inside it (pickup, drop-off); it is lifted only for a knight holding the zone's
 * required training (valid through the deadline — `trainings` is already filtered so). A zone with no
 * required training keeps everyone out.
 */
export function blockingZone(knight: Point & { trainings: readonly string[] }, route: readonly Point[], zones: readonly ActiveZone[]): ActiveZone | null {
  for (const z of zones) {
    const applies = inZone(knight, z) || route.some((p) => inZone(p, z));
    if (!applies) continue;
    if (z.requiredTraining && knight.trainings.includes(z.requiredTraining)) continue;
    return z;
  }
  return null;
}

type ZoneRow = { id: string; requiredTraining: string | null; polygon: unknown; minLat: number; minLng: number; maxLat: number; maxLng: number };

/** Active zones of the incident plus global ones (incidentId NULL). Rows that fail to parse are skipped. */
export async function loadActiveZones(db: Db, incidentId: string): Promise<ActiveZone[]> {
  const rows = await db.hazardZone.findMany({
    where: { active: true, OR: [{ incidentId }, { incidentId: null }] },
    select: { id: true, requiredTraining: true, polygon: true, minLat: true, minLng: true, maxLat: true, maxLng: true },
  });
  return toActiveZones(rows);
}

/** Zone rows (read by loadActiveZones, or folded into another statement as JSON) as the filter uses them. */
export function toActiveZones(rows: readonly unknown[]): ActiveZone[] {
  return (rows as ZoneRow[]).flatMap((r) => {
    const g = ZHazardGeometry.safeParse(r.polygon);
    if (!g.success) return [];
    return [{ id: r.id, requiredTraining: r.requiredTraining, geometry: g.data, bbox: { minLat: r.minLat, minLng: r.minLng, maxLat: r.maxLat, maxLng: r.maxLng } }];
  });
}
