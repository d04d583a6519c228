import type { Db } from "@/server/db";
import { notify } from "@/server/modules/notifications/notify";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { pointInGeometry, type PolygonGeometry } from "@/server/modules/dispatch/point-in-polygon";

/** Live tasks and commitments: what a new or widened hazard zone can put in danger. */
const LIVE = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"] as const;
const ACTIVE_NEED = ["OPEN", "PARTIALLY_FILLED", "FILLED"] as const;
const ACTIVE_INCIDENT = ["ACTIVE", "CONTAINED"] as const;

export type HazardZoneFacts = {
  id: string; name: string; severity: string; incidentId: string | null;
  polygon: PolygonGeometry; bbox: { minLat: number; minLng: number; maxLat: number; maxLng: number };
};
export type HazardAlertResult = { knightTasks: number; stagingPoints: number; resources: number; notifiedUserIds: string[]; regionCodes: string[] };

type Pt = { lat: number | null; lng: number | null };

/**
 * A hazard zone was drawn (`previous` null) or changed (`previous` = its old outline): finds what is newly
 * inside it — knights on live tasks (their last position, their pick-up or drop-off), staging points of
 * active needs, committed resources (their base or their need's staging point) — and, when anything is,
 * notifies the knights and the suppliers concerned and raises one alert on the command centres of the
 * affected incidents' regions (and their parents) and on the platform command feed. The alert carries
 * counts and ids only, never a position. Runs inside the caller's transaction, so all of it commits with the zone.
 */
export async function raiseHazardAlerts(tx: Db, zone: HazardZoneFacts, previous: PolygonGeometry | null): Promise<HazardAlertResult | null> {
  const { minLat, maxLat, minLng, maxLng } = zone.bbox;
  const box = (p: Pt) => p.lat !== null && p.lng !== null && p.lat >= minLat && p.lat <= maxLat && p.lng >= minLng && p.lng <= maxLng;
  const newlyInside = (p: Pt) => box(p) && pointInGeometry(p.lat!, p.lng!, zone.polygon) && !(previous && pointInGeometry(p.lat!, p.lng!, previous));
  const inBox = { gte: minLat, lte: maxLat };
  const lngBox = { gte: minLng, lte: maxLng };
  const scope = zone.incidentId ? { id: zone.incidentId } : { status: { in: [...ACTIVE_INCIDENT] } };

  const [knightTasks, needs, resourceTasks] = await Promise.all([
    tx.assignment.findMany({
      where: { knightId: { not: null }, status: { in: [...LIVE] }, need: { incident: scope } },
      select: {
        id: true, needId: true,
        knight: { select: { userId: true, lastLat: true, lastLng: true } },
        need: { select: { incidentId: true, stagingLat: true, stagingLng: true, pickupLat: true, pickupLng: true } },
      },
    }),
    tx.need.findMany({
      where: { status: { in: [...ACTIVE_NEED] }, incident: scope, stagingLat: inBox, stagingLng: lngBox },
      select: { id: true, incidentId: true, stagingLat: true, stagingLng: true },
    }),
    tx.assignment.findMany({
      where: { resourceId: { not: null }, status: { in: [...LIVE] }, need: { incident: scope } },
      select: {
        id: true,
        need: { select: { incidentId: true, stagingLat: true, stagingLng: true } },
        resource: { select: { lat: true, lng: true, ownerOrgId: true, ownerUserId: true } },
      },
    }),
  ]);

  const hitTasks = knightTasks.filter((a) =>
    newlyInside({ lat: a.knight?.lastLat ?? null, lng: a.knight?.lastLng ?? null }) ||
    newlyInside({ lat: a.need.stagingLat, lng: a.need.stagingLng }) ||
    newlyInside({ lat: a.need.pickupLat, lng: a.need.pickupLng }));
  const staging = new Set<string>();
  const hitNeeds = needs.filter((n) => newlyInside({ lat: n.stagingLat, lng: n.stagingLng }));
  for (const n of hitNeeds) staging.add(`${n.stagingLat.toFixed(5)},${n.stagingLng.toFixed(5)}`);
  const hitResources = resourceTasks.filter((a) => a.resource && (newlyInside(a.resource) || newlyInside({ lat: a.need.stagingLat, lng: a.need.stagingLng })));
  if (hitTasks.length + hitNeeds.length + hitResources.length === 0) return null;

  const knightUsers = hitTasks.map((a) => a.knight?.userId).filter((u): u is string => !!u);
  const orgIds = [...new Set(hitResources.map((a) => a.resource!.ownerOrgId).filter((o): o is string => !!o))];
  const members = orgIds.length ? await tx.membership.findMany({ where: { orgId: { in: orgIds } }, select: { userId: true } }) : [];
  const supplierUsers = [...members.map((m) => m.userId), ...hitResources.map((a) => a.resource!.ownerUserId).filter((u): u is string => !!u)];
  const payload = { zoneId: zone.id, zoneName: zone.name, severity: zone.severity, incidentId: zone.incidentId };
  await notify(tx, [...new Set([...knightUsers, ...supplierUsers])], "hazard.alert", payload);

  const incidentIds = [...new Set([...hitTasks.map((a) => a.need.incidentId), ...hitNeeds.map((n) => n.incidentId), ...hitResources.map((a) => a.need.incidentId)])];
  const regions = await tx.$queryRaw<{ code: string }[]>`
    SELECT DISTINCT l.code FROM incident i CROSS JOIN LATERAL muster_region_lineage(i.region_code) AS l(code)
     WHERE i.id = ANY(${incidentIds}::text[])`;
  const data = {
    ...payload, knightTasks: hitTasks.length, stagingPoints: staging.size, resources: hitResources.length, incidentIds,
  };
  await publishLive(tx, [
    ...regions.map((r) => ({ topic: liveTopics.region(r.code), kind: "hazard.alert", data })),
    { topic: liveTopics.command(), kind: "hazard.alert", data },
  ]);
  return {
    knightTasks: hitTasks.length, stagingPoints: staging.size, resources: hitResources.length,
    notifiedUserIds: [...new Set([...knightUsers, ...supplierUsers])].sort(), regionCodes: regions.map((r) => r.code).sort(),
  };
}
