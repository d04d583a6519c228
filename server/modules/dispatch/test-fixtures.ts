import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { Prisma } from "@/server/generated/prisma/client";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

/**
 * Test-only rows for knight dispatch: the incident fixtures (task at 32.05 N, 118.79 E in Xuanwu) plus
 * knights placed at a given distance due north of it and knight-task needs.
 */
export const ORIGIN = { lat: 32.05, lng: 118.79 };
const KM_PER_DEG_LAT = 111.195;

/** A point `km` due north of the origin (great-circle distance = km). */
export function northOf(km: number, from = ORIGIN): { lat: number; lng: number } {
  return { lat: from.lat + km / KM_PER_DEG_LAT, lng: from.lng };
}

export const seedDispatchFixtures = seedOfferFixtures;

let seq = 0;

export type TestKnight = { id: string; userId: string; actor: Actor; lat: number; lng: number };

export async function createKnight(
  db: Db,
  at: { lat: number; lng: number },
  o: {
    vehicle?: "ON_FOOT" | "EBIKE" | "MOTORCYCLE" | "CAR" | "VAN";
    payloadKg?: number;
    onDuty?: boolean;
    positionAt?: Date;
    status?: "ACTIVE" | "SUSPENDED";
    trainings?: { code: string; validUntil?: Date | null }[];
    completedCount?: number;
    noShowCount?: number;
    platformOrgId?: string;
    externalRiderId?: string;
  } = {},
): Promise<TestKnight> {
  seq += 1;
  const user = await db.user.create({ data: { email: `rider${seq}-${Math.random().toString(36).slice(2, 8)}@knights.test`, name: `骑士${seq}`, kind: "KNIGHT" }, select: { id: true } });
  const k = await db.knightProfile.create({
    data: {
      userId: user.id, vehicle: o.vehicle ?? "EBIKE", payloadKg: o.payloadKg ?? 30, homeDistrictCode: "320102",
      onDuty: o.onDuty ?? true, onDutySince: new Date(), lastLat: at.lat, lastLng: at.lng, lastPositionAt: o.positionAt ?? new Date(),
      publicCell: `c${Math.floor(at.lat * 100)}_${Math.floor(at.lng * 100)}`, status: o.status ?? "ACTIVE",
      completedCount: o.completedCount ?? 0, noShowCount: o.noShowCount ?? 0,
      platformOrgId: o.platformOrgId ?? null, externalRiderId: o.externalRiderId ?? null,
      trainings: o.trainings ? { create: o.trainings.map((t) => ({ code: t.code, validUntil: t.validUntil ?? null })) } : undefined,
    },
    select: { id: true },
  });
  return { id: k.id, userId: user.id, actor: { via: "session", userId: user.id, roles: ["KNIGHT"], memberships: [] }, ...at };
}

export async function createKnightNeed(db: Db, incidentId: string, createdById: string, patch: Partial<Prisma.NeedUncheckedCreateInput> = {}): Promise<string> {
  const n = await db.need.create({
    data: {
      incidentId, category: "KNIGHT", freeText: "骑士任务", title: "送药到安置点", quantity: 1, unit: "rider",
      stagingLat: ORIGIN.lat, stagingLng: ORIGIN.lng, stagingAddress: "玄武区安置点", neededBy: new Date(Date.now() + 2 * 3_600_000),
      durationMinutes: 60, maxDistanceKm: 100, status: "OPEN", createdById, taskKind: "RECON", rewardPoints: 20,
      ...patch,
    },
    select: { id: true },
  });
  return n.id;
}

/** Knight ids offered the need, by wave. */
export async function offeredByWave(db: Db, needId: string): Promise<Record<number, string[]>> {
  const rows = await db.offer.findMany({ where: { needId }, select: { wave: true, knightId: true }, orderBy: { sentAt: "asc" } });
  const out: Record<number, string[]> = {};
  for (const r of rows) (out[r.wave] ??= []).push(r.knightId);
  for (const w of Object.keys(out)) out[Number(w)]!.sort();
  return out;
}

/** Live events of a kind on a topic. */
export async function liveEvents(db: Db, topic: string, kind: string) {
  return db.liveEvent.findMany({ where: { topic, kind }, orderBy: { id: "asc" }, select: { data: true } }).then((r) => r.map((e) => e.data as Record<string, unknown>));
}
