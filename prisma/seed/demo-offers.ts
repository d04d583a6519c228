import type { Prisma } from "@/server/generated/prisma/client";
import type { IncidentBuild } from "./incidents";
import { distanceKm } from "./places";
import { HOUR, MINUTE, type Rng } from "./random";
import type { ResourceRow, TypeRef } from "./resources";

/** The live incident whose needs get open offers to the demo supplier (incidents-active.ts). */
export const DEMO_OFFER_INCIDENT_TITLE = "秦淮区短时强降雨城市内涝";
/** Need type → the demo supplier's listing of that type offered to it. */
export const DEMO_OFFER_TYPES = ["EQ-PUMP-2", "EQ-LIGHT-1"] as const;
/** Generous demo hold, so the inbox is not empty for the day after a seed (real holds default to 30 min). */
export const DEMO_OFFER_HOLD_HOURS = 12;

/**
 * Open offers (OFFERED, hold in the future, explained) from the demo incident's needs to the demo
 * supplier's listings, plus their expiry timers in the job queue — so supplier@muster.demo has offers to
 * answer right after a seed. Deterministic: ids from `rng`, times from `now`. A unit already live in the
 * seeded assignments (`usedLiveUnits`) is never offered again, so the no-overlap constraint holds.
 */
export function buildDemoOffers(
  rng: Rng,
  ctx: { incidents: IncidentBuild; supplierListings: ResourceRow[]; typesByCode: Map<string, TypeRef>; now: Date; usedLiveUnits: Set<string> },
): { assignments: Prisma.AssignmentCreateManyInput[]; jobs: Prisma.JobCreateManyInput[] } {
  const assignments: Prisma.AssignmentCreateManyInput[] = [];
  const jobs: Prisma.JobCreateManyInput[] = [];
  const incident = ctx.incidents.incidents.find((i) => i.title === DEMO_OFFER_INCIDENT_TITLE);
  if (!incident) return { assignments, jobs };
  for (const code of DEMO_OFFER_TYPES) {
    const typeId = ctx.typesByCode.get(code)?.id;
    const need = ctx.incidents.needs.find((n) => n.incidentId === incident.id && n.typeId === typeId && (n.status === "OPEN" || n.status === "PARTIALLY_FILLED"));
    const listing = ctx.supplierListings.find((r) => r.typeId === typeId && r.status === "AVAILABLE");
    if (!need || !listing) continue;
    const unit = [...Array(listing.totalQuantity ?? 1).keys()].find((u) => !ctx.usedLiveUnits.has(`${listing.id}:${u}`));
    if (unit === undefined) continue;
    ctx.usedLiveUnits.add(`${listing.id}:${unit}`);
    const km = distanceKm({ lat: need.stagingLat, lng: need.stagingLng }, { lat: listing.lat, lng: listing.lng });
    const offeredAt = new Date(ctx.now.getTime() - rng.int(5, 20) * MINUTE);
    const holdExpiresAt = new Date(ctx.now.getTime() + DEMO_OFFER_HOLD_HOURS * HOUR);
    const id = rng.id();
    assignments.push({
      id,
      needId: need.id,
      resourceId: listing.id,
      unitIndex: unit,
      quantity: 1,
      status: "OFFERED",
      windowStart: need.neededBy,
      windowEnd: new Date(need.neededBy.getTime() + need.durationMinutes * MINUTE),
      score: Math.round(rng.float(70, 90) * 100) / 100,
      scoreBreakdown: { distanceKm: Math.round(km * 10) / 10 },
      explanationZh: `距集结点约${km.toFixed(1)}公里，满足最低能力要求，可按时到达。`,
      explanationEn: `About ${km.toFixed(1)} km from the staging point; meets the minimum capabilities and can arrive on time.`,
      proposedById: incident.createdById,
      batchId: "seed-demo-offers",
      offeredAt,
      holdExpiresAt,
      createdAt: offeredAt,
      updatedAt: offeredAt,
    });
    jobs.push({ id: rng.id(), queue: "offer.expire", payload: { assignmentId: id }, runAt: holdExpiresAt, key: `offer.expire:${id}`, createdAt: offeredAt, updatedAt: offeredAt });
  }
  return { assignments, jobs };
}
