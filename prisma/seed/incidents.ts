import type { Prisma } from "@/server/generated/prisma/client";
import { allocateAssignments, type AllocationContext } from "./assignments";
import { catalogueEntry } from "./catalogue-data";
import { circlePolygon, offsetKm } from "./geo-shapes";
import type { IncidentScenario, NeedSpec } from "./incident-types";
import { ACTIVE_INCIDENTS } from "./incidents-active";
import { PAST_INCIDENTS } from "./incidents-past";
import type { SeedOrg } from "./organizations";
import { jitter, placeByCode } from "./places";
import { HOUR, MINUTE, type Rng } from "./random";
import { unitZh } from "./resource-text";
import type { TypeRef } from "./resources";

export type IncidentRow = Prisma.IncidentCreateManyInput & { id: string };
export type NeedRow = Prisma.NeedCreateManyInput & { id: string; neededBy: Date; durationMinutes: number; quantity: number };
export type HazardZoneRow = Prisma.HazardZoneCreateManyInput & { id: string };
export type IncidentOrgRow = Prisma.IncidentOrganizationCreateManyInput & { id: string };

export const INCIDENT_SCENARIOS: IncidentScenario[] = [...PAST_INCIDENTS, ...ACTIVE_INCIDENTS];

export interface IncidentBuild {
  incidents: IncidentRow[];
  incidentOrgs: IncidentOrgRow[];
  needs: NeedRow[];
  hazardZones: HazardZoneRow[];
  assignments: Prisma.AssignmentCreateManyInput[];
  reviews: Prisma.ReviewCreateManyInput[];
}

export interface IncidentContext {
  now: Date;
  orgsBySlug: Map<string, SeedOrg>;
  /** orgId → owner user id (incident creator / commander). */
  ownerOf: Map<string, string>;
  typesByCode: Map<string, TypeRef>;
  allocation: AllocationContext;
}

/**
 * How many units of a need reach each stage, as running totals (see NeedSpec): what assignments to
 * allocate. The need's own buckets are derived from the allocated assignments (need-quantities.ts).
 */
function progress(n: NeedSpec) {
  const full = n.status === "FILLED" || n.status === "CLOSED" ? n.quantity : 0;
  const committed = n.committed ?? full;
  const onScene = n.onScene ?? 0;
  const enRoute = n.enRoute ?? 0;
  const released = n.released ?? (n.status === "CLOSED" ? committed : 0);
  if (onScene + enRoute + (n.status === "CLOSED" ? 0 : released) > committed || committed > n.quantity) {
    throw new Error(`Inconsistent need quantities for ${n.typeCode}`);
  }
  return { committed, onScene, enRoute, released };
}

export function buildIncidents(rng: Rng, ctx: IncidentContext): IncidentBuild {
  const out: IncidentBuild = { incidents: [], incidentOrgs: [], needs: [], hazardZones: [], assignments: [], reviews: [] };
  for (const s of INCIDENT_SCENARIOS) {
    const r = rng.fork("incident", s.key);
    const org = ctx.orgsBySlug.get(s.orgSlug);
    if (!org) throw new Error(`Incident ${s.key}: unknown organisation ${s.orgSlug}`);
    const creatorId = ctx.ownerOf.get(org.id) as string;
    const place = placeByCode(s.regionCode);
    const [east, north] = s.offsetKm ?? [0, 0];
    const centre = offsetKm(place.lat, place.lng, east, north);
    const point = jitter(r, centre.lat, centre.lng, 0.3);
    const live = s.status !== "CLOSED";
    const startedAt = live ? new Date(ctx.now.getTime() - (s.startedHoursAgo ?? 0) * HOUR) : new Date(s.startedAt as string);
    const closedAt = s.closedAt ? new Date(s.closedAt) : null;
    const id = r.id();
    out.incidents.push({
      id,
      orgId: org.id,
      createdById: creatorId,
      commanderId: creatorId,
      title: s.title,
      kind: s.kind,
      severity: s.severity,
      status: s.status,
      lat: point.lat,
      lng: point.lng,
      address: s.addressZh,
      regionCode: s.regionCode,
      area: s.areaRadiusKm ? circlePolygon(point.lat, point.lng, s.areaRadiusKm).polygon : undefined,
      description: s.description,
      startedAt,
      closedAt,
      createdAt: new Date(startedAt.getTime() + 10 * MINUTE),
      updatedAt: closedAt ?? ctx.now,
    });
    for (const sup of s.supporters ?? []) {
      const supporter = ctx.orgsBySlug.get(sup.slug);
      if (supporter) out.incidentOrgs.push({ id: r.id(), incidentId: id, orgId: supporter.id, role: sup.role, createdAt: startedAt });
    }
    if (s.hazard) {
      const c = circlePolygon(point.lat, point.lng, s.hazard.radiusKm);
      out.hazardZones.push({
        id: r.id(), incidentId: id, name: s.hazard.name, polygon: c.polygon, severity: s.hazard.severity,
        requiredTraining: s.hazard.requiredTraining ?? null, createdById: creatorId, active: live,
        minLat: c.minLat, minLng: c.minLng, maxLat: c.maxLat, maxLng: c.maxLng,
        createdAt: new Date(startedAt.getTime() + 30 * MINUTE), updatedAt: closedAt ?? ctx.now,
      });
    }
    const base = live ? ctx.now : startedAt;
    for (const n of s.needs) {
      const need = buildNeed(r, n, { id, point, base, startedAt, closedAt, creatorId, org, address: s.addressZh }, ctx);
      out.needs.push(need);
      const p = progress(n);
      const alloc = allocateAssignments(r, ctx.allocation, {
        need, spec: n, live, progress: p, proposedById: creatorId, incidentKey: s.key, closedAt, now: ctx.now,
      });
      out.assignments.push(...alloc.assignments);
      out.reviews.push(...alloc.reviews.map((rv) => ({ ...rv, authorId: creatorId })));
    }
  }
  return out;
}

interface NeedContext {
  id: string;
  point: { lat: number; lng: number };
  base: Date;
  startedAt: Date;
  closedAt: Date | null;
  creatorId: string;
  org: SeedOrg;
  address: string;
}

function buildNeed(r: Rng, n: NeedSpec, c: NeedContext, ctx: IncidentContext): NeedRow {
  const type = ctx.typesByCode.get(n.typeCode);
  const entry = catalogueEntry(n.typeCode);
  const staging = jitter(r, c.point.lat, c.point.lng, 0.3);
  const createdAt = new Date(c.startedAt.getTime() + r.int(10, 60) * MINUTE);
  const approved = c.org.row.requiresNeedApproval && !["DRAFT", "PENDING_APPROVAL"].includes(n.status);
  const knight = n.knight;
  const pickup = knight ? offsetKm(c.point.lat, c.point.lng, r.float(-2.5, 2.5), r.float(-2.5, 2.5)) : null;
  const defaultDistance = entry.category === "KNIGHT" ? 8 : entry.category === "MATERIAL" ? 150 : 100;
  return {
    id: r.id(),
    incidentId: c.id,
    typeId: type?.id ?? null,
    category: entry.category,
    title: n.title ?? `${entry.nameZh} × ${n.quantity}${unitZh(entry.defaultUnit)}`,
    requiredCapabilities: n.requiredCapabilities ?? {},
    quantity: n.quantity,
    unit: entry.defaultUnit,
    stagingLat: staging.lat,
    stagingLng: staging.lng,
    stagingAddress: `${c.address}（现场集结点）`,
    neededBy: new Date(c.base.getTime() + n.neededInHours * HOUR),
    durationMinutes: Math.round(n.durationHours * 60),
    priority: n.priority ?? "URGENT",
    paymentMode: n.paymentMode ?? "PUBLIC_GOOD",
    maxDistanceKm: n.maxDistanceKm ?? defaultDistance,
    notes: n.notes ?? null,
    status: n.status,
    // Derived from the assignments once they are all allocated (settleNeedQuantities).
    qtyCommitted: 0,
    qtyEnRoute: 0,
    qtyOnScene: 0,
    qtyReleased: 0,
    unmetReason: n.unmetReason ?? null,
    unmetNote: n.unmetNote ?? null,
    approvedById: approved ? c.creatorId : null,
    approvedAt: approved ? new Date(createdAt.getTime() + 5 * MINUTE) : null,
    createdById: c.creatorId,
    taskKind: knight?.taskKind ?? null,
    pickupLat: pickup?.lat ?? null,
    pickupLng: pickup?.lng ?? null,
    pickupAddress: knight?.pickupZh ?? null,
    cargoKg: knight ? knight.cargoKg : null,
    cargoVolumeL: knight?.cargoVolumeL ?? null,
    requiredVehicle: knight?.requiredVehicle ?? [],
    requiredTrainings: knight?.requiredTrainings ?? [],
    rewardPoints: knight?.rewardPoints ?? null,
    createdAt,
    updatedAt: c.closedAt ?? ctx.now,
  };
}
