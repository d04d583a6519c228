import { readQuote } from "@/server/modules/orders/quote";
import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TOfferCard, TOfferInboxInput } from "@/lib/schemas/offers";
import type { AssignmentStatus } from "@/server/generated/prisma/enums";

const ACTIVE: AssignmentStatus[] = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED"];

/** Great-circle distance in km (haversine). */
export function haversineKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The supplier's inbox: offers on resources the caller's organisations (or the caller, as an expert) own
 * (an API key: its own organisation's).
 * "pending" = OFFERED and still within the hold, soonest expiry first; "active" = accepted and in progress.
 */
export async function listOfferInbox(db: Db, actor: Actor, input: TOfferInboxInput): Promise<TOfferCard[]> {
  // A listing is owned by one organisation or one person, and assignment.supplier_id is that owner (kept by
  // triggers): one index probe per supplier instead of a join through every listing the organisation has.
  const suppliers = actor.apiKey ? [actor.apiKey.orgId] : [...actor.memberships.map((m) => m.orgId), actor.userId];
  const pending = input.scope === "pending";
  const rows = await db.assignment.findMany({
    where: {
      supplierId: { in: suppliers },
      resourceId: { not: null },
      ...(pending ? { status: "OFFERED", holdExpiresAt: { gt: new Date() } } : { status: { in: ACTIVE } }),
    },
    orderBy: pending ? { holdExpiresAt: "asc" } : { updatedAt: "desc" },
    take: 100,
    select: {
      id: true, status: true, quantity: true, holdExpiresAt: true, windowStart: true, windowEnd: true, explanationZh: true, explanationEn: true,
      quote: true, order: { select: { id: true } }, requisition: { select: { number: true } },
      resource: { select: { id: true, title: true, titleEn: true, lat: true, lng: true } },
      need: {
        select: {
          id: true, title: true, quantity: true, unit: true, priority: true, neededBy: true, stagingAddress: true, stagingLat: true, stagingLng: true,
          incident: { select: { id: true, title: true } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    quantity: r.quantity,
    holdExpiresAt: r.holdExpiresAt,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    explanationZh: r.explanationZh,
    explanationEn: r.explanationEn,
    distanceKm: Math.round(haversineKm(r.resource!.lat, r.resource!.lng, r.need.stagingLat, r.need.stagingLng) * 10) / 10,
    resource: { id: r.resource!.id, title: r.resource!.title, titleEn: r.resource!.titleEn },
    need: {
      id: r.need.id, title: r.need.title, quantity: r.need.quantity, unit: r.need.unit, priority: r.need.priority,
      neededBy: r.need.neededBy, stagingAddress: r.need.stagingAddress,
    },
    incident: r.need.incident,
    quote: readQuote(r.quote),
    orderId: r.order?.id ?? null,
    requisitionNumber: r.requisition?.number ?? null,
  }));
}
