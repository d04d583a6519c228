import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { AppError } from "@/server/errors";

/**
 * The knight-task need as dispatch reads it, and its row lock. Every dispatch write (a wave, an accept, a
 * decline, a cancel) first locks the need row by id, so they are serialised per need: slot counting and
 * "is this the last slot?" are decided under that lock.
 */
export const dispatchNeedSelect = {
  id: true,
  incidentId: true,
  category: true,
  title: true,
  taskKind: true,
  quantity: true,
  unit: true,
  status: true,
  neededBy: true,
  durationMinutes: true,
  maxDistanceKm: true,
  stagingLat: true,
  stagingLng: true,
  stagingAddress: true,
  pickupLat: true,
  pickupLng: true,
  pickupAddress: true,
  cargoKg: true,
  cargoVolumeL: true,
  requiredVehicle: true,
  requiredTrainings: true,
  rewardPoints: true,
  qtyCommitted: true,
  qtyEnRoute: true,
  qtyOnScene: true,
  qtyReleased: true,
  unmetReason: true,
  incident: { select: { orgId: true, title: true, status: true } },
} satisfies Prisma.NeedSelect;

export type DispatchNeed = Prisma.NeedGetPayload<{ select: typeof dispatchNeedSelect }>;

export const LIVE_NEED_STATUSES = ["OPEN", "PARTIALLY_FILLED"] as const;

export function isLiveNeed(need: Pick<DispatchNeed, "status">): boolean {
  return (LIVE_NEED_STATUSES as readonly string[]).includes(need.status);
}

/** Places filled so far (accepted, whatever stage the task is in). */
export function filledSlots(need: Pick<DispatchNeed, "qtyCommitted" | "qtyEnRoute" | "qtyOnScene" | "qtyReleased">): number {
  return need.qtyCommitted + need.qtyEnRoute + need.qtyOnScene + need.qtyReleased;
}

export function openSlots(need: Pick<DispatchNeed, "status" | "quantity" | "qtyCommitted" | "qtyEnRoute" | "qtyOnScene" | "qtyReleased">): number {
  return isLiveNeed(need) ? Math.max(0, need.quantity - filledSlots(need)) : 0;
}

/** Where a knight heads first: the pickup of a delivery, else the drop-off / point to go to. */
export function taskOrigin(need: DispatchNeed): { lat: number; lng: number } {
  if (need.pickupLat !== null && need.pickupLng !== null) return { lat: need.pickupLat, lng: need.pickupLng };
  return { lat: need.stagingLat, lng: need.stagingLng };
}

/** Every point of the route: the knight's path ends at these (pickup, then drop-off). */
export function routePoints(need: DispatchNeed): { lat: number; lng: number }[] {
  const pts = [{ lat: need.stagingLat, lng: need.stagingLng }];
  if (need.pickupLat !== null && need.pickupLng !== null) pts.unshift({ lat: need.pickupLat, lng: need.pickupLng });
  return pts;
}

/**
 * The time a knight is bound to the task: from now until the deadline (or now, if it has passed) plus the
 * task's duration. The same window is used for eligibility ("no overlapping live task") and the assignment.
 */
export function taskWindow(need: Pick<DispatchNeed, "neededBy" | "durationMinutes">, now: Date): { start: Date; end: Date } {
  const from = Math.max(need.neededBy.getTime(), now.getTime());
  return { start: now, end: new Date(from + need.durationMinutes * 60_000) };
}

/**
 * Locks the need row (FOR UPDATE, by id). Every write to a knight need's tasks takes this lock first and the
 * assignment rows after it, so two such writes never wait on each other in opposite order. Inside a transaction.
 */
export async function lockNeedRow(tx: Db, needId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM need WHERE id = ${needId} FOR UPDATE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", "This task does not exist.");
}

type LockedNeedRow = Omit<DispatchNeed, "incident"> & { incidentOrgId: string; incidentTitle: string; incidentStatus: DispatchNeed["incident"]["status"] };

/** The columns of dispatchNeedSelect (need n, incident i), as LockedNeedRow names them. */
const NEED_COLUMNS = Prisma.sql`n.id, n.incident_id AS "incidentId", n.category::text AS category, n.title, n.task_kind::text AS "taskKind",
           n.quantity, n.unit, n.status::text AS status, n.needed_by AS "neededBy", n.duration_minutes AS "durationMinutes",
           n.max_distance_km AS "maxDistanceKm", n.staging_lat AS "stagingLat", n.staging_lng AS "stagingLng",
           n.staging_address AS "stagingAddress", n.pickup_lat AS "pickupLat", n.pickup_lng AS "pickupLng",
           n.pickup_address AS "pickupAddress", n.cargo_kg AS "cargoKg", n.cargo_volume_l AS "cargoVolumeL",
           n.required_vehicle::text[] AS "requiredVehicle", n.required_trainings AS "requiredTrainings",
           n.reward_points AS "rewardPoints", n.qty_committed AS "qtyCommitted", n.qty_en_route AS "qtyEnRoute",
           n.qty_on_scene AS "qtyOnScene", n.qty_released AS "qtyReleased", n.unmet_reason::text AS "unmetReason",
           i.org_id AS "incidentOrgId", i.title AS "incidentTitle", i.status::text AS "incidentStatus"`;

function toDispatchNeed<R extends LockedNeedRow>(row: R): DispatchNeed & Omit<R, keyof LockedNeedRow> {
  const { incidentOrgId, incidentTitle, incidentStatus, ...need } = row;
  return { ...need, incident: { orgId: incidentOrgId, title: incidentTitle, status: incidentStatus } } as DispatchNeed & Omit<R, keyof LockedNeedRow>;
}

/**
 * Locks the need row and reads it with its incident in ONE statement (lockNeedRow + the Prisma read took three
 * round trips: Prisma reads the nested incident separately), as dispatchNeedSelect shapes it. Must run inside a
 * transaction. FOR UPDATE OF need: only the need row is locked; a row we had to wait for is re-read as its
 * holder committed it (READ COMMITTED), so the figures are current.
 */
export async function lockDispatchNeed(tx: Db, needId: string): Promise<DispatchNeed> {
  const rows = await tx.$queryRaw<LockedNeedRow[]>`
    SELECT ${NEED_COLUMNS}
    FROM need n JOIN incident i ON i.id = n.incident_id
    WHERE n.id = ${needId}
    FOR UPDATE OF n`;
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", "This task does not exist.");
  return toDispatchNeed(row);
}

/**
 * lockDispatchNeed for a dispatcher starting the task, folding in the reads that used to be round trips of
 * their own: the caller's incident scope (`orgIds`, null = every organisation; outside it the task is not
 * found and not locked) and the active hazard zones of the incident plus the global ones. Only rows the need
 * lock does not serialise are read here: a statement reads with the snapshot it started with, so the waves
 * and offers a transaction we waited for committed must be read in a later statement.
 */
export async function lockDispatchNeedToStart(tx: Db, needId: string, orgIds: string[] | null): Promise<{ need: DispatchNeed; zoneRows: unknown[] }> {
  const rows = await tx.$queryRaw<(LockedNeedRow & { zoneRows: unknown[] })[]>`
    SELECT ${NEED_COLUMNS},
           coalesce((SELECT json_agg(json_build_object('id', z.id, 'requiredTraining', z.required_training, 'polygon', z.polygon,
                                                       'minLat', z.min_lat, 'minLng', z.min_lng, 'maxLat', z.max_lat, 'maxLng', z.max_lng))
                     FROM hazard_zone z WHERE z.active AND (z.incident_id = n.incident_id OR z.incident_id IS NULL)), '[]'::json) AS "zoneRows"
    FROM need n JOIN incident i ON i.id = n.incident_id
    WHERE n.id = ${needId} AND (${orgIds === null}::boolean OR i.org_id = ANY(${orgIds ?? []}::text[]))
    FOR UPDATE OF n`;
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", "This task does not exist or is not yours to see.");
  const { zoneRows, ...need } = toDispatchNeed(row);
  return { need, zoneRows };
}

export async function readDispatchNeed(db: Db, needId: string): Promise<DispatchNeed> {
  const need = await db.need.findUnique({ where: { id: needId }, select: dispatchNeedSelect });
  if (!need) throw new AppError("NOT_FOUND", "This task does not exist.");
  return need;
}
