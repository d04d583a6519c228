import crypto from "node:crypto";
import { preparedQuery, type Db } from "@/server/db";
import { candidateSql, type CandidateStatement } from "@/server/modules/matching/candidate-sql";
import { compatibleTypeIds } from "@/server/modules/matching/compatible-types";
import type { Candidate, MatchNeed } from "@/server/modules/matching/match-types";

export type { Candidate, MatchNeed } from "@/server/modules/matching/match-types";
export { loadMatchNeed } from "@/server/modules/matching/load-match-need";

export const DEFAULT_POOL_SIZE = 50;

type Row = {
  id: string;
  type_id: string;
  owner_org_id: string | null;
  org_name: string | null;
  org_name_en: string | null;
  owner_user_id: string | null;
  title: string;
  title_en: string | null;
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

function toCandidate(r: Row): Candidate {
  return {
    resourceId: r.id,
    orgId: r.owner_org_id,
    orgName: r.org_name,
    orgNameEn: r.org_name_en,
    ownerUserId: r.owner_user_id,
    title: r.title,
    titleEn: r.title_en,
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

/** One prepared-statement name per SQL text (the text differs only for needs with many capability minimums). */
const statementNames = new Map<string, string>();

/**
 * Runs the candidate SQL as a named prepared statement (planned once per connection: planning this query
 * costs more than running it). In a transaction it stays on the transaction's connection.
 */
function queryCandidates(db: Db, sql: CandidateStatement): Promise<Row[]> {
  let name = statementNames.get(sql.text);
  if (!name) {
    name = `match_candidates_${crypto.createHash("sha1").update(sql.text).digest("hex").slice(0, 12)}`;
    statementNames.set(sql.text, name);
  }
  return preparedQuery<Row>(db, name, sql.text, sql.values);
}

/**
 * Eligible resources for a need, nearest first (great-circle km), at most `poolSize` (default 50), in one
 * statement: each compatible type's nearest rows stream out of the KNN index through every rule until
 * `poolSize` have passed, so the pool is exact without a second pass.
 * Read-only, no locks. `opts.typeIds` (or a loaded need's compatibleTypes) skips the type lookup;
 * `opts.resourceId` checks that one resource against every rule (empty result = not eligible).
 */
export async function findCandidates(
  db: Db,
  need: MatchNeed,
  opts: { poolSize?: number; now?: Date; typeIds?: string[]; resourceId?: string } = {},
): Promise<Candidate[]> {
  const poolSize = opts.poolSize ?? DEFAULT_POOL_SIZE;
  if (poolSize <= 0 || need.maxDistanceKm <= 0) return [];
  const typeIds = opts.typeIds ?? need.compatibleTypes?.map((t) => t.id) ?? (await compatibleTypeIds(db, need));
  if (typeIds.length === 0) return [];
  const rows = await queryCandidates(db, candidateSql(need, typeIds, poolSize, opts.resourceId));
  return rows.map(toCandidate);
}
