import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { LIVE_ASSIGNMENT_STATUSES, needWindow, type MatchNeed } from "@/server/modules/matching/match-types";
import { pickUnits } from "@/server/modules/matching/assign/build-problem";
import type { ScoredCandidate } from "@/server/modules/matching/scoring/scoring-types";

/**
 * One assignment row (status PROPOSED) for a scored candidate of a need, shaped like the solver's rows:
 * divisible stock (MATERIAL, quantity > 1) gets one row of up to `quantity`, unitIndex NULL; a unit
 * resource gets one unit — the lowest index not live in the need's window (and, with `avoidProposed`, not
 * already proposed for an overlapping window either). null when no unit is free.
 */
export async function candidateRow(
  db: Db,
  need: MatchNeed,
  c: ScoredCandidate,
  opts: { quantity: number; proposedById: string | null; batchId: string | null; avoidProposed: boolean },
): Promise<Prisma.AssignmentUncheckedCreateInput | null> {
  const { start, end } = needWindow(need);
  const res = await db.resource.findUnique({ where: { id: c.resourceId }, select: { totalQuantity: true, type: { select: { category: true } } } });
  if (!res) return null;
  const base = {
    needId: need.id,
    resourceId: c.resourceId,
    status: "PROPOSED" as const,
    windowStart: start,
    windowEnd: end,
    score: c.score,
    scoreBreakdown: { ...c.breakdown, etaMinutes: c.etaMinutes, slackMinutes: c.slackMinutes, distanceKm: Math.round(c.distanceKm * 100) / 100 },
    explanationZh: c.explanation.zh,
    explanationEn: c.explanation.en,
    proposedById: opts.proposedById,
    batchId: opts.batchId,
  };
  if (res.type.category === "MATERIAL" && res.totalQuantity > 1) {
    const quantity = Math.min(opts.quantity, c.availableQuantity);
    return quantity >= 1 ? { ...base, quantity, unitIndex: null } : null;
  }
  const statuses = [...LIVE_ASSIGNMENT_STATUSES, ...(opts.avoidProposed ? (["PROPOSED"] as const) : [])];
  const taken = await db.assignment.findMany({
    where: { resourceId: c.resourceId, status: { in: statuses }, unitIndex: { not: null }, windowStart: { lt: end }, windowEnd: { gt: start } },
    select: { unitIndex: true },
  });
  const [unitIndex] = pickUnits(res.totalQuantity, new Set(taken.map((t) => t.unitIndex as number)), new Set(), 1);
  return unitIndex === undefined ? null : { ...base, quantity: 1, unitIndex };
}
