import type { PrismaClient } from "@/server/db";
import { seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";

/** Test-only rows for offers: incident fixtures + resources of the enterprise + needs + assignments. */
export async function seedOfferFixtures(db: PrismaClient) {
  const base = await seedIncidentFixtures(db);
  const incident = await db.incident.create({
    data: { orgId: base.orgs.govA, createdById: base.actors.dispatcherA.userId, title: "内涝", kind: "FLOOD", severity: "III", status: "ACTIVE", lat: 32.05, lng: 118.79, address: "南京市玄武区", regionCode: "320102" },
    select: { id: true },
  });
  return { ...base, incidentId: incident.id };
}

export async function createResource(db: PrismaClient, ownerOrgId: string, typeId: string, totalQuantity = 1, title = "排水泵") {
  const r = await db.resource.create({
    data: {
      typeId, ownerOrgId, title, totalQuantity, unit: "unit", lat: 32.06, lng: 118.8, address: "南京", regionCode: "320102",
      travelRange: "CITY", maxTravelKm: 100, mobilizationMinutes: 30, status: "AVAILABLE",
    },
    select: { id: true },
  });
  return r.id;
}

export async function createNeed(db: PrismaClient, incidentId: string, typeId: string, createdById: string, quantity = 1) {
  const n = await db.need.create({
    data: {
      incidentId, typeId, category: "EQUIPMENT", title: "排水泵", quantity, unit: "unit", stagingLat: 32.05, stagingLng: 118.79,
      stagingAddress: "南京", neededBy: new Date(Date.now() + 3_600_000), durationMinutes: 240, maxDistanceKm: 100, status: "OPEN", createdById,
    },
    select: { id: true },
  });
  return n.id;
}

const HOUR = 3_600_000;

/** A PROPOSED assignment; unitIndex null = divisible stock. Windows start at `startHour` from now. */
export async function propose(
  db: PrismaClient,
  needId: string,
  resourceId: string,
  opts: { score?: number; unitIndex?: number | null; quantity?: number; startHour?: number; hours?: number; status?: "PROPOSED" | "OFFERED"; holdExpiresAt?: Date } = {},
) {
  const start = Date.now() + (opts.startHour ?? 1) * HOUR;
  const a = await db.assignment.create({
    data: {
      needId, resourceId, score: opts.score ?? 0.5, unitIndex: opts.unitIndex === undefined ? 0 : opts.unitIndex, quantity: opts.quantity ?? 1,
      windowStart: new Date(start), windowEnd: new Date(start + (opts.hours ?? 4) * HOUR), status: opts.status ?? "PROPOSED",
      holdExpiresAt: opts.holdExpiresAt ?? null, offeredAt: opts.status === "OFFERED" ? new Date() : null,
    },
    select: { id: true },
  });
  return a.id;
}
