import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import type { TKnightOfferDto } from "@/lib/schemas/dispatch";
import { ownKnightId } from "@/server/modules/dispatch/dispatch-access";

/**
 * A knight's open offers (pending, not yet expired), newest first: the task, its points, the reward, the
 * distance BAND and the expiry. Nothing about other knights; never the knight's own exact position.
 */
const offerSelect = {
  id: true, needId: true, status: true, wave: true, distanceBand: true, expiresAt: true,
  need: {
    select: {
      incidentId: true, title: true, taskKind: true, rewardPoints: true, neededBy: true, durationMinutes: true, quantity: true,
      pickupLat: true, pickupLng: true, pickupAddress: true, stagingLat: true, stagingLng: true, stagingAddress: true,
      cargoKg: true, cargoVolumeL: true, requiredTrainings: true, incident: { select: { title: true } },
    },
  },
} satisfies Prisma.OfferSelect;
type OfferRow = Prisma.OfferGetPayload<{ select: typeof offerSelect }>;

function toDto(o: OfferRow): TKnightOfferDto {
  const n = o.need;
  return {
    offerId: o.id,
    needId: o.needId,
    incidentId: n.incidentId,
    incidentTitle: n.incident.title,
    title: n.title,
    taskKind: n.taskKind,
    status: o.status,
    wave: o.wave,
    distanceBand: o.distanceBand,
    rewardPoints: n.rewardPoints,
    expiresAt: o.expiresAt,
    deadline: n.neededBy,
    durationMinutes: n.durationMinutes,
    pickup: n.pickupLat !== null && n.pickupLng !== null ? { lat: n.pickupLat, lng: n.pickupLng, address: n.pickupAddress ?? "" } : null,
    dropoff: { lat: n.stagingLat, lng: n.stagingLng, address: n.stagingAddress },
    cargoKg: n.cargoKg,
    cargoVolumeL: n.cargoVolumeL,
    requiredTrainings: n.requiredTrainings,
    headcount: n.quantity,
  };
}

/** Open offers of one knight (by profile id); the callers check who may read them. */
export async function listOffersOfKnight(db: Db, knightId: string, now = new Date()): Promise<TKnightOfferDto[]> {
  const rows = await db.offer.findMany({
    where: { knightId, status: "PENDING", expiresAt: { gt: now } },
    orderBy: { sentAt: "desc" },
    select: offerSelect,
    take: 50,
  });
  return rows.map(toDto);
}

/** knight.self: the caller's own open offers. */
export async function listMyOffers(db: Db, actor: Actor, now = new Date()): Promise<TKnightOfferDto[]> {
  return listOffersOfKnight(db, await ownKnightId(db, actor), now);
}
