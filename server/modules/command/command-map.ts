import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { PolygonLike } from "@/lib/geo/map-crs";
import type {
  TCommandHazardZone, TCommandIncident, TCommandMapDto, TCommandMovement, TCommandNeed, TCommandStagingPoint, TFillBand, TMapPhase,
} from "@/lib/schemas/command-map";
import { regionGeometries, boundsOf } from "@/lib/geo/region-boundaries";
import { assertCommandAccess, regionSubtree } from "@/server/modules/command/command-access";
import { CELL_DEG, loadAvailabilityCached, loadKnightCounts, loadRecentAlerts } from "@/server/modules/command/command-map-layers";

const ACTIVE_INCIDENT = ["ACTIVE", "CONTAINED"] as const;
const ACTIVE_NEED = ["OPEN", "PARTIALLY_FILLED", "FILLED"] as const;
const MOVING = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"] as const;

const PHASE: Record<(typeof MOVING)[number], TMapPhase> = { ACCEPTED: "COMMITTED", MOBILIZED: "COMMITTED", EN_ROUTE: "EN_ROUTE", ON_SCENE: "ON_SCENE" };

function isPolygon(v: unknown): v is PolygonLike {
  const g = v as { type?: unknown; coordinates?: unknown } | null;
  return !!g && (g.type === "Polygon" || g.type === "MultiPolygon") && Array.isArray(g.coordinates);
}

export function fillBand(quantity: number, filled: number): TFillBand {
  if (filled <= 0) return "UNFILLED";
  return filled >= quantity ? "FILLED" : "PARTIAL";
}

/**
 * Everything the command centre's map of one region shows, in one DTO, for a caller allowed to see the region
 * (command-access.ts): active incidents of the region and the regions below it with their areas, their active
 * needs coloured by fill, staging points, resources committed / en route / on scene with a line to their need,
 * available resources aggregated per cell, on-duty knights as counts per area (never positions), hazard zones
 * and the last day's hazard alerts. Knight tasks get no lines: a knight's route would give their position away.
 */
export async function loadCommandMap(db: Db, actor: Actor, regionCode: string): Promise<TCommandMapDto> {
  const region = await assertCommandAccess(db, actor, regionCode);
  // The layers that need only the region (its subtree, outline and children) start together with the
  // incidents; the rest wait for the incidents' ids. Each runs on its own pooled connection.
  const [codes, regionRows] = await Promise.all([
    regionSubtree(db, regionCode),
    db.region.findMany({
      where: { OR: [{ code: regionCode }, { parentCode: regionCode }] },
      select: { code: true, nameZh: true, nameEn: true, level: true, parentCode: true, lat: true, lng: true },
      orderBy: { code: "asc" },
    }),
  ]);
  const self = regionRows.find((r) => r.code === regionCode)!;
  const children = regionRows.filter((r) => r.parentCode === regionCode);
  const availableP = loadAvailabilityCached(db, region.level, codes, CELL_DEG[region.level]);
  const knightsP = loadKnightCounts(db, self, children);
  const alertsP = loadRecentAlerts(db, regionCode);
  // Settled later; a failure before then must not surface as an unhandled rejection.
  for (const p of [availableP, knightsP, alertsP]) p.catch(() => undefined);

  const incidentRows = await db.incident.findMany({
    where: { regionCode: { in: codes }, status: { in: [...ACTIVE_INCIDENT] } },
    select: { id: true, title: true, kind: true, severity: true, status: true, lat: true, lng: true, area: true, orgId: true, org: { select: { name: true, nameEn: true } } },
    orderBy: [{ severity: "asc" }, { startedAt: "desc" }],
    take: 500,
  });
  const incidentIds = incidentRows.map((i) => i.id);
  const incidents: TCommandIncident[] = incidentRows.map((i) => ({
    id: i.id, title: i.title, kind: i.kind, severity: i.severity, status: i.status, lat: i.lat, lng: i.lng,
    area: isPolygon(i.area) ? i.area : null, orgId: i.orgId, orgName: i.org.name, orgNameEn: i.org.nameEn,
  }));

  const bounds = boundsOf(regionGeometries(regionCode) ?? []);
  const [needRows, movementRows, available, knights, zoneRows, alerts] = await Promise.all([
    db.need.findMany({
      where: { incidentId: { in: incidentIds }, status: { in: [...ACTIVE_NEED] } },
      select: {
        id: true, incidentId: true, title: true, category: true, priority: true, status: true, quantity: true,
        qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true, stagingLat: true, stagingLng: true, stagingAddress: true,
      },
      orderBy: [{ priority: "asc" }, { neededBy: "asc" }],
      take: 2000,
    }),
    db.assignment.findMany({
      where: { status: { in: [...MOVING] }, resourceId: { not: null }, need: { incidentId: { in: incidentIds } } },
      select: {
        id: true, status: true, quantity: true, needId: true,
        need: { select: { incidentId: true, stagingLat: true, stagingLng: true } },
        resource: { select: { id: true, title: true, titleEn: true, lat: true, lng: true, ownerOrgId: true, ownerOrg: { select: { name: true, nameEn: true } } } },
      },
      take: 2000,
    }),
    availableP,
    knightsP,
    db.hazardZone.findMany({
      where: {
        active: true,
        OR: [
          { incidentId: { in: incidentIds } },
          // Global zones overlapping the region's outline box (all of them when no outline ships).
          bounds
            ? { incidentId: null, minLat: { lte: bounds[1][0] }, maxLat: { gte: bounds[0][0] }, minLng: { lte: bounds[1][1] }, maxLng: { gte: bounds[0][1] } }
            : { incidentId: null },
        ],
      },
      select: { id: true, name: true, severity: true, incidentId: true, polygon: true, requiredTraining: true },
      take: 500,
    }),
    alertsP,
  ]);

  const needs: TCommandNeed[] = needRows.map((n) => {
    const filled = n.qtyCommitted + n.qtyEnRoute + n.qtyOnScene + n.qtyReleased;
    return {
      id: n.id, incidentId: n.incidentId, title: n.title, category: n.category, priority: n.priority, status: n.status,
      quantity: n.quantity, filled, band: fillBand(n.quantity, filled), lat: n.stagingLat, lng: n.stagingLng,
    };
  });

  const staging = new Map<string, TCommandStagingPoint>();
  for (const n of needRows) {
    const key = `${n.incidentId}:${n.stagingLat.toFixed(5)}:${n.stagingLng.toFixed(5)}`;
    const p = staging.get(key) ?? { key, lat: n.stagingLat, lng: n.stagingLng, address: n.stagingAddress, incidentId: n.incidentId, needIds: [] };
    p.needIds.push(n.id);
    staging.set(key, p);
  }

  const movements: TCommandMovement[] = movementRows
    .filter((a) => a.resource)
    .map((a) => ({
      assignmentId: a.id, needId: a.needId, incidentId: a.need.incidentId, phase: PHASE[a.status as (typeof MOVING)[number]], quantity: a.quantity,
      resourceId: a.resource!.id, resourceTitle: a.resource!.title, resourceTitleEn: a.resource!.titleEn,
      // An expert's own listing names no organisation; the person is not named here either.
      orgId: a.resource!.ownerOrgId, orgName: a.resource!.ownerOrg?.name ?? null, orgNameEn: a.resource!.ownerOrg?.nameEn ?? null,
      from: { lat: a.resource!.lat, lng: a.resource!.lng }, to: { lat: a.need.stagingLat, lng: a.need.stagingLng },
    }));

  const hazardZones: TCommandHazardZone[] = zoneRows
    .filter((z) => isPolygon(z.polygon))
    .map((z) => ({ id: z.id, name: z.name, severity: z.severity, incidentId: z.incidentId, polygon: z.polygon as PolygonLike, requiredTraining: z.requiredTraining }));

  const strip = ({ code, nameZh, nameEn, level, parentCode }: typeof self) => ({ code, nameZh, nameEn, level, parentCode });
  return {
    region: strip(self), children: children.map(strip), generatedAt: new Date().toISOString(), cellDeg: CELL_DEG[region.level],
    incidents, needs, stagingPoints: [...staging.values()], movements, available, knights, hazardZones, alerts,
  };
}
