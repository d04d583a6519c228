import { preparedQuery, type Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { parseMetrics } from "@/server/modules/catalogue/resource-types";
import type { MetricLabel } from "@/server/modules/matching/scoring/scoring-types";
import type { MatchNeed } from "@/server/modules/matching/match-types";

/**
 * Which resource types may serve a need: the need's own type, or any type of the same `kind` whose typeLevel
 * ≤ the need's (1 = most capable); a category-only need (no type) accepts every type of its category.
 * One rule as SQL over resource_type `c`, bound either to a stored need's columns (load-match-need.ts) or to
 * parameters (compatibleTypeIds), so the loader can fetch a need and its compatible types in one round trip.
 */
export function compatibleTypeRule(x: { typeId: string; category: string; kind: string; level: string }): string {
  return `(CASE WHEN ${x.typeId} IS NULL THEN c.category::text = ${x.category}
               ELSE c.id = ${x.typeId} OR (c.kind = ${x.kind} AND c.type_level <= ${x.level}) END)`;
}

const COMPATIBLE_IDS_SQL = `SELECT c.id FROM resource_type c
  WHERE ${compatibleTypeRule({ typeId: "$1::text", category: "$2::text", kind: "$3::text", level: "$4::int" })} ORDER BY c.id`;

/** Type ids compatible with a need that is not (necessarily) stored: the solver's and the benchmark's needs. */
export async function compatibleTypeIds(db: Db, need: Pick<MatchNeed, "typeId" | "typeKind" | "typeLevel" | "category">): Promise<string[]> {
  const rows = await preparedQuery<{ id: string }>(db, "match_compatible_type_ids", COMPATIBLE_IDS_SQL, [
    need.typeId, need.category, need.typeKind, need.typeLevel,
  ]);
  return rows.map((r) => r.id);
}

/** A compatible type as the loader returns it: its id and its metric definitions (for the explanations). */
export type CompatibleType = { id: string; metrics: Prisma.JsonValue };

/** Capability labels for the explanations; the need's own type first, so its wording wins a shared key. */
export function metricLabelsOf(types: CompatibleType[], preferTypeId: string | null): Record<string, MetricLabel> {
  const ordered = [...types].sort((a, b) => Number(b.id === preferTypeId) - Number(a.id === preferTypeId));
  const out: Record<string, MetricLabel> = {};
  for (const t of ordered) for (const m of parseMetrics(t.metrics)) out[m.key] ??= { unit: m.unit, labelZh: m.labelZh, labelEn: m.labelEn };
  return out;
}
