import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { KnightTaskKind, NeedPriority } from "@/server/generated/prisma/enums";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { commitQuantity } from "@/server/modules/needs/quantities";
import { publicCellOf } from "@/server/modules/knights/public-cell";

/** Test-only rows for knight tasks: the incident fixtures plus knights, knight needs and accepted tasks. */
export async function seedKnightFixtures(db: PrismaClient) {
  const base = await seedOfferFixtures(db);
  return { ...base };
}

let n = 0;

/** A knight user + profile; `at` = an exact stored position (private). */
export async function createKnight(
  db: PrismaClient,
  opts: { name?: string; onDuty?: boolean; at?: { lat: number; lng: number; when?: Date }; district?: string; completed?: number; noShows?: number } = {},
): Promise<{ actor: Actor; knightId: string; userId: string }> {
  n += 1;
  const u = await db.user.create({ data: { email: `knight${n}-${Date.now()}@k.test`, name: opts.name ?? `骑士${n}`, kind: "KNIGHT" }, select: { id: true } });
  const p = await db.knightProfile.create({
    data: {
      userId: u.id, vehicle: "EBIKE", payloadKg: 30, homeDistrictCode: opts.district ?? "320102",
      onDuty: opts.onDuty ?? true, onDutySince: opts.onDuty === false ? null : new Date(), dutyStintStartedAt: opts.onDuty === false ? null : new Date(),
      lastLat: opts.at?.lat ?? null, lastLng: opts.at?.lng ?? null, lastPositionAt: opts.at ? (opts.at.when ?? new Date(Date.now() - 3_600_000)) : null,
      publicCell: opts.at ? publicCellOf(opts.at.lat, opts.at.lng) : null,
      completedCount: opts.completed ?? 0, noShowCount: opts.noShows ?? 0,
    },
    select: { id: true },
  });
  return { actor: { via: "session", userId: u.id, roles: ["KNIGHT"], memberships: [] }, knightId: p.id, userId: u.id };
}

/** An OPEN knight need (drop-off = staging point; pickup for deliveries). */
export async function createKnightNeed(
  db: PrismaClient,
  incidentId: string,
  createdById: string,
  opts: { taskKind?: KnightTaskKind; priority?: NeedPriority; deliveryCode?: string; rewardPoints?: number; neededBy?: Date } = {},
): Promise<string> {
  const kind = opts.taskKind ?? "DELIVERY";
  const need = await db.need.create({
    data: {
      incidentId, category: "KNIGHT", title: kind === "RECON" ? "灾情侦察" : "药品配送", quantity: 1, unit: "task",
      stagingLat: 32.0412, stagingLng: 118.7841, stagingAddress: "玄武区安置点", neededBy: opts.neededBy ?? new Date(Date.now() + 3_600_000),
      durationMinutes: 60, maxDistanceKm: 10, status: "OPEN", createdById, priority: opts.priority ?? "URGENT", taskKind: kind,
      pickupLat: kind === "DELIVERY" ? 32.0603 : null, pickupLng: kind === "DELIVERY" ? 118.7969 : null,
      pickupAddress: kind === "DELIVERY" ? "鼓楼医院药房" : null, cargoKg: kind === "DELIVERY" ? 3 : null,
      rewardPoints: opts.rewardPoints ?? null, deliveryCode: opts.deliveryCode ?? null,
    },
    select: { id: true },
  });
  return need.id;
}

/** What the dispatch slice does on accept: an ACCEPTED knight assignment and one committed unit. */
export async function acceptTask(db: PrismaClient, needId: string, knightId: string, acceptedAt = new Date()): Promise<string> {
  await commitQuantity(db, needId, 1);
  const a = await db.assignment.create({
    data: {
      needId, knightId, quantity: 1, status: "ACCEPTED", windowStart: acceptedAt, windowEnd: new Date(acceptedAt.getTime() + 2 * 3_600_000),
      acceptedAt, unitIndex: null,
    },
    select: { id: true },
  });
  return a.id;
}
