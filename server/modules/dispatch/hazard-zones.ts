import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { ZHazardGeometry, type TCreateHazardZoneInput, type THazardZoneDto, type TListHazardZonesInput, type TUpdateHazardZoneInput } from "@/lib/schemas/dispatch";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { incidentScope, isAdmin } from "@/server/modules/incidents/access";
import { assertDispatcherOf } from "@/server/modules/dispatch/dispatch-access";
import { geometryBbox, type PolygonGeometry } from "@/server/modules/dispatch/point-in-polygon";
import { raiseHazardAlerts } from "@/server/modules/command/hazard-alerts";

/**
 * Hazard zones drawn by dispatchers: polygons knights are not sent into (or only with a training). A zone
 * belongs to an incident (its dispatchers manage it) or is global (incidentId null: platform admins only).
 * The polygon is validated by zod (closed rings, ≥ 3 points, inside China); the bbox columns are derived.
 */

const zoneSelect = {
  id: true, incidentId: true, name: true, polygon: true, severity: true, requiredTraining: true, active: true,
  minLat: true, minLng: true, maxLat: true, maxLng: true, createdAt: true,
} satisfies Prisma.HazardZoneSelect;
type ZoneRow = Prisma.HazardZoneGetPayload<{ select: typeof zoneSelect }>;

function toDto(r: ZoneRow): THazardZoneDto {
  return {
    id: r.id, incidentId: r.incidentId, name: r.name, polygon: ZHazardGeometry.parse(r.polygon), severity: r.severity,
    requiredTraining: r.requiredTraining, active: r.active, bbox: { minLat: r.minLat, minLng: r.minLng, maxLat: r.maxLat, maxLng: r.maxLng }, createdAt: r.createdAt,
  };
}

/** Org of the incident the zone is for, checked for dispatcher rights; null for a global zone (admins). */
async function assertCanManage(db: Db, actor: Actor, incidentId: string | null): Promise<string | null> {
  if (incidentId === null) {
    if (!isAdmin(actor) || actor.apiKey) throw new AppError("FORBIDDEN", "Only platform admins manage global hazard zones.");
    return null;
  }
  const incident = await db.incident.findFirst({ where: { id: incidentId, ...incidentScope(actor) }, select: { orgId: true } });
  if (!incident) throw new AppError("NOT_FOUND", "This incident does not exist or is not yours to see.");
  assertDispatcherOf(actor, incident.orgId);
  return incident.orgId;
}

export async function createHazardZone(db: Db, actor: Actor, input: TCreateHazardZoneInput): Promise<THazardZoneDto> {
  const incidentId = input.incidentId ?? null;
  const orgId = await assertCanManage(db, actor, incidentId);
  const bbox = geometryBbox(input.polygon);
  return inTransaction(db, async (tx) => {
    const row = await tx.hazardZone.create({
      data: {
        incidentId, name: input.name, polygon: input.polygon as Prisma.InputJsonValue, severity: input.severity,
        requiredTraining: input.requiredTraining ?? null, createdById: actor.userId, ...bbox,
      },
      select: zoneSelect,
    });
    await recordAudit(tx, {
      actorId: actor.userId, orgId, action: "hazardZone.create", entityType: "HazardZone", entityId: row.id,
      data: { incidentId, name: row.name, severity: row.severity, requiredTraining: row.requiredTraining, bbox },
    });
    await raiseHazardAlerts(tx, { id: row.id, name: row.name, severity: row.severity, incidentId, polygon: input.polygon, bbox }, null);
    return toDto(row);
  });
}

/** Redraws an active zone's outline; whatever the new outline newly covers is alerted (command-centre alerts). */
export async function updateHazardZone(db: Db, actor: Actor, input: TUpdateHazardZoneInput): Promise<THazardZoneDto> {
  const zone = await db.hazardZone.findFirst({
    where: { id: input.id, OR: [{ incidentId: null }, { incident: incidentScope(actor) }] },
    select: { incidentId: true, active: true, polygon: true },
  });
  if (!zone) throw new AppError("NOT_FOUND", "This hazard zone does not exist.");
  const orgId = await assertCanManage(db, actor, zone.incidentId);
  if (!zone.active) throw new AppError("CONFLICT", "This hazard zone is no longer active.");
  const previous = ZHazardGeometry.parse(zone.polygon) as PolygonGeometry;
  const bbox = geometryBbox(input.polygon);
  return inTransaction(db, async (tx) => {
    const row = await tx.hazardZone.update({
      where: { id: input.id },
      data: { polygon: input.polygon as Prisma.InputJsonValue, ...bbox },
      select: zoneSelect,
    });
    await recordAudit(tx, { actorId: actor.userId, orgId, action: "hazardZone.update", entityType: "HazardZone", entityId: row.id, data: { name: row.name, bbox } });
    await raiseHazardAlerts(tx, { id: row.id, name: row.name, severity: row.severity, incidentId: row.incidentId, polygon: input.polygon, bbox }, previous);
    return toDto(row);
  });
}

/** Zones of one incident plus global ones; without an incident, every zone the caller may see. */
export async function listHazardZones(db: Db, actor: Actor, input: TListHazardZonesInput): Promise<THazardZoneDto[]> {
  const incidentId = input.incidentId ?? null;
  if (incidentId) {
    const visible = await db.incident.count({ where: { id: incidentId, ...incidentScope(actor) } });
    if (!visible) throw new AppError("NOT_FOUND", "This incident does not exist or is not yours to see.");
  }
  const where: Prisma.HazardZoneWhereInput = {
    ...(input.includeInactive ? {} : { active: true }),
    OR: incidentId ? [{ incidentId }, { incidentId: null }] : [{ incidentId: null }, { incident: incidentScope(actor) }],
  };
  const rows = await db.hazardZone.findMany({ where, select: zoneSelect, orderBy: { createdAt: "desc" }, take: 500 });
  return rows.map(toDto);
}

export async function deactivateHazardZone(db: Db, actor: Actor, id: string): Promise<THazardZoneDto> {
  const zone = await db.hazardZone.findFirst({
    where: { id, OR: [{ incidentId: null }, { incident: incidentScope(actor) }] },
    select: { incidentId: true, active: true },
  });
  if (!zone) throw new AppError("NOT_FOUND", "This hazard zone does not exist.");
  const orgId = await assertCanManage(db, actor, zone.incidentId);
  if (!zone.active) throw new AppError("CONFLICT", "This hazard zone is already inactive.");
  return inTransaction(db, async (tx) => {
    const row = await tx.hazardZone.update({ where: { id }, data: { active: false }, select: zoneSelect });
    await recordAudit(tx, { actorId: actor.userId, orgId, action: "hazardZone.deactivate", entityType: "HazardZone", entityId: id, data: { name: row.name } });
    return toDto(row);
  });
}
