import type { Prisma } from "@/server/generated/prisma/client";
import { publicCellOf } from "@/server/modules/knights/public-cell";
import { KNIGHT_TRAININGS } from "./catalogue-data";
import type { UserRow } from "./members";
import { chineseName } from "./people";
import { jitter, pickNanjingDistrict, pickOtherCity, type Place } from "./places";
import { DAY, HOUR, MINUTE, Rng } from "./random";
import { credentialsFor, type CredentialRow } from "./resources";

export type KnightProfileRow = Prisma.KnightProfileCreateManyInput & { id: string; userId: string };
export type KnightTrainingRow = Prisma.KnightTrainingCreateManyInput & { id: string };

export interface GeneratedKnight {
  user: UserRow;
  profile: KnightProfileRow;
  trainings: KnightTrainingRow[];
  credentials: CredentialRow[];
}

type VehicleName = "ON_FOOT" | "EBIKE" | "MOTORCYCLE" | "CAR" | "VAN";
const VEHICLES: [VehicleName, number][] = [["EBIKE", 62], ["MOTORCYCLE", 20], ["ON_FOOT", 8], ["CAR", 7], ["VAN", 3]];
const PAYLOAD_KG: Record<VehicleName, [number, number]> = {
  ON_FOOT: [5, 10], EBIKE: [20, 40], MOTORCYCLE: [30, 60], CAR: [150, 300], VAN: [500, 1000],
};
/** Delivery platforms as plain strings; null = independent volunteer. */
const PLATFORMS: [string | null, number][] = [["美团", 33], ["饿了么", 25], ["顺丰", 12], ["京东", 10], ["闪送", 8], [null, 12]];
const TRAINING_SHARE: Record<(typeof KNIGHT_TRAININGS)[number], number> = {
  FIRST_AID: 0.4, CPR_AED: 0.25, FLOOD_SAFETY: 0.22, FIRE_SAFETY: 0.2, HAZMAT_AWARENESS: 0.08, TRAFFIC_CONTROL: 0.12,
};
const KNIGHT_PHONE_PREFIXES = ["166", "176", "178", "198"];

/** A unique phone per knight index, by construction (prefixes unused elsewhere in the seed). */
function knightPhone(i: number): string {
  const body = String((i * 7_654_321 + 1_234_567) % 100_000_000).padStart(8, "0");
  return KNIGHT_PHONE_PREFIXES[i % KNIGHT_PHONE_PREFIXES.length] + body;
}

export function knightEmail(i: number): string {
  return `rider${String(i + 1).padStart(4, "0")}@riders.muster.demo`;
}

export interface KnightOptions {
  /** Force the home district / duty state (demo account). */
  homeDistrict?: Place;
  onDuty?: boolean;
}

/**
 * Knight i (user of kind KNIGHT + profile): mostly e-bikes and motorcycles, mostly Nanjing, ~30% on duty
 * with a fresh position near home and its snapped public cell. Depends only on (seed, i).
 */
export function generateKnight(seed: string, i: number, now: Date, passwordHash: string | null, opts: KnightOptions = {}): GeneratedKnight {
  const rng = new Rng(`${seed}:knight:${i}`);
  const userId = rng.id();
  const profileId = rng.id();
  const home = opts.homeDistrict ?? (rng.chance(0.85) ? pickNanjingDistrict(rng) : pickOtherCity(rng));
  const vehicle = rng.weighted(VEHICLES);
  const [pLo, pHi] = PAYLOAD_KG[vehicle];
  const createdAt = new Date(now.getTime() - rng.int(5, 600) * DAY - rng.int(0, 23) * HOUR);
  const onDuty = opts.onDuty ?? rng.chance(0.3);
  const hasPosition = onDuty || rng.chance(0.35);
  const pos = hasPosition ? jitter(rng, home.lat, home.lng, home.level === "DISTRICT" ? 2 : 3.5) : null;
  const lastPositionAt = !pos ? null : new Date(now.getTime() - (onDuty ? rng.int(0, 15) * MINUTE : rng.int(3, 96) * HOUR));
  const points = Math.round(3000 * rng.next() ** 2.5);
  const completedCount = Math.floor(points / rng.int(15, 30));
  const name = chineseName(rng);

  const user: UserRow = {
    id: userId,
    name,
    email: knightEmail(i),
    emailVerified: createdAt,
    phone: knightPhone(i),
    passwordHash,
    locale: rng.chance(0.05) ? "en" : "zh-CN",
    kind: "KNIGHT",
    createdAt,
    updatedAt: createdAt,
  };
  const profile: KnightProfileRow = {
    id: profileId,
    userId,
    vehicle,
    payloadKg: rng.int(pLo, pHi),
    deliveryPlatform: rng.weighted(PLATFORMS),
    homeDistrictCode: home.code,
    onDuty,
    onDutySince: onDuty ? new Date(now.getTime() - rng.int(5, 360) * MINUTE) : null,
    lastLat: pos?.lat ?? null,
    lastLng: pos?.lng ?? null,
    lastPositionAt,
    publicCell: pos ? publicCellOf(pos.lat, pos.lng) : null,
    points,
    completedCount,
    noShowCount: rng.chance(0.1) ? rng.int(1, 3) : 0,
    declinedCount: rng.int(0, Math.max(1, Math.floor(completedCount / 3))),
    status: rng.chance(0.02) ? "SUSPENDED" : "ACTIVE",
    createdAt,
    updatedAt: lastPositionAt ?? createdAt,
  };
  // Set after the literal so the random draws (and so the whole dataset) stay as they were.
  profile.dutyStintStartedAt = profile.onDutySince;
  const trainings: KnightTrainingRow[] = [];
  for (const code of KNIGHT_TRAININGS) {
    if (!rng.chance(TRAINING_SHARE[code])) continue;
    const expired = rng.chance(0.08);
    trainings.push({
      id: rng.id(),
      knightId: profileId,
      code,
      validUntil: new Date(now.getTime() + (expired ? -rng.int(1, 200) : rng.int(30, 730)) * DAY),
      createdAt,
      updatedAt: createdAt,
    });
  }
  const needsLicence = vehicle === "MOTORCYCLE" || vehicle === "CAR" || vehicle === "VAN";
  const credentials = needsLicence ? credentialsFor(rng, ["DRIVER_LICENSE"], { knightProfileId: profileId, userId }, now, createdAt) : [];
  return { user, profile, trainings, credentials };
}
