import type { Db } from "@/server/db";
import { candidateSql } from "@/server/modules/matching/candidate-sql";
import type { Candidate, MatchNeed } from "@/server/modules/matching/match-types";

export type { Candidate, MatchNeed } from "@/server/modules/matching/match-types";
export { loadMatchNeed } from "@/server/modules/matching/load-match-need";

export const DEFAULT_POOL_SIZE = 50;
/** The first KNN pool is this many times the pool size; if it filled up but too few passed, widen once. */
export const KNN_POOL_FACTOR = 2;

type Row = {
  pool_n: number;
  /** null on the single carrier row when nothing passed */
  id: string | null;
  type_id: string;
  owner_org_id: string | null;
  owner_user_id: string | null;
  title: string;
  lat: number;
  lng: number;
  capabilities: unknown;
  total_quantity: number;
  committed_quantity: number;
  mobilization_minutes: number;
  speed_kmh: number | null;
  travel_range: string;
  max_travel_km: number;
  pricing_mode: string;
  price_cents: number;
  completed_count: number;
  declined_count: number;
  offered_count: number;
  rating_avg: number | null;
  rating_count: number;
  dist_m: number;
  type_code: string;
  type_level: number;
  category: string;
  busy_units: number;
  active_assignments: number;
};

function numericRecord(json: unknown): Record<string, number> {
  if (!json || typeof json !== "object" || Array.isArray(json)) return {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(json)) if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  return out;
}

type FoundRow = Row & { id: string };
const isFound = (r: Row): r is FoundRow => r.id !== null;

function toCandidate(r: FoundRow): Candidate {
  return {
    resourceId: r.id,
    orgId: r.owner_org_id,
    ownerUserId: r.owner_user_id,
    title: r.title,
    typeId: r.type_id,
    typeCode: r.type_code,
    typeLevel: r.type_level,
    category: r.category,
    distanceKm: r.dist_m / 1000,
    lat: r.lat,
    lng: r.lng,
    availableQuantity: Math.min(r.total_quantity - r.committed_quantity, r.total_quantity - r.busy_units),
    capabilities: numericRecord(r.capabilities),
    mobilizationMinutes: r.mobilization_minutes,
    speedKmh: r.speed_kmh,
    travelRange: r.travel_range,
    maxTravelKm: r.max_travel_km,
    pricingMode: r.pricing_mode,
    priceCents: r.price_cents,
    completedCount: r.completed_count,
    declinedCount: r.declined_count,
    offeredCount: r.offered_count,
    ratingAvg: r.rating_avg,
    ratingCount: r.rating_count,
    activeAssignments: r.active_assignments,
  };
}

/**
 * Type ids compatible with the need: the need's own type, or any type of the same `kind` whose
 * typeLevel ≤ the need's (1 = most capable). A category-only need accepts every type of its category.
 */
export async function compatibleTypeIds(db: Db, need: Pick<MatchNeed, "typeId" | "typeKind" | "typeLevel" | "category">): Promise<string[]> {
  if (need.typeId === null) {
    const rows = await db.resourceType.findMany({ where: { category: need.category as never }, select: { id: true } });
    return rows.map((r) => r.id);
  }
  const or: object[] = [{ id: need.typeId }];
  if (need.typeKind !== null && need.typeLevel !== null) or.push({ kind: need.typeKind, typeLevel: { lte: need.typeLevel } });
  const rows = await db.resourceType.findMany({ where: { OR: or }, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * Eligible resources for a need, nearest first (great-circle km), at most `poolSize` (default 50).
 * Exact: the first pass takes the nearest KNN_POOL_FACTOR × poolSize rows that pass the row-local rules;
 * if that pool was full but fewer than poolSize passed every rule, a second pass scans the whole radius.
 * Read-only, no locks. `opts.typeIds` skips the type lookup (the assignment solver calls this per need);
 * `opts.resourceId` checks that one resource against every rule (empty result = not eligible).
 */
export async function findCandidates(
  db: Db,
  need: MatchNeed,
  opts: { poolSize?: number; now?: Date; typeIds?: string[]; resourceId?: string } = {},
): Promise<Candidate[]> {
  const poolSize = opts.poolSize ?? DEFAULT_POOL_SIZE;
  if (poolSize <= 0 || need.maxDistanceKm <= 0) return [];
  const typeIds = opts.typeIds ?? (await compatibleTypeIds(db, need));
  if (typeIds.length === 0) return [];
  const knn = poolSize * KNN_POOL_FACTOR;
  const first = await db.$queryRaw<Row[]>(candidateSql(need, typeIds, knn, poolSize, opts.resourceId));
  const found = first.filter(isFound);
  if (found.length >= poolSize || (first[0]?.pool_n ?? 0) < knn) return found.map(toCandidate);
  // The pool was full but too few passed every rule: widen once to the whole radius.
  const second = await db.$queryRaw<Row[]>(candidateSql(need, typeIds, null, poolSize, opts.resourceId));
  return second.filter(isFound).map(toCandidate);
}
