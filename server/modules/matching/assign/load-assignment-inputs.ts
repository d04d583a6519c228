import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import { loadMatchNeed, type MatchNeedInfo } from "@/server/modules/matching/load-match-need";
import { scoreCandidate } from "@/server/modules/matching/scoring/score-candidate";
import type { NeedWithCandidates } from "@/server/modules/matching/assign/build-problem";
import type { PriorityTier } from "@/server/modules/matching/assign/types";
import type { ScoredCandidate } from "@/server/modules/matching/scoring/scoring-types";

export const ASSIGNABLE_NEED_STATUSES = ["OPEN", "PARTIALLY_FILLED"] as const;

export type AssignmentInputs = {
  needs: (MatchNeedInfo & { quantityOpen: number })[];
  items: NeedWithCandidates[];
  /** scored candidate per need id → resource id, for explanations and breakdowns */
  scored: Map<string, Map<string, ScoredCandidate>>;
};

/**
 * Open needs in `scope` (an incident's needs, or the need ids an area proposal chose) in matcher shape
 * (quantityOpen also less the units on offer right now), each with its eligible candidates (findCandidates)
 * — less those already tried on that need — scored (scoreCandidate). Read-only.
 */
export async function loadAssignmentInputs(
  db: Db,
  scope: Prisma.NeedWhereInput,
  opts: { poolSize?: number; now?: Date } = {},
): Promise<AssignmentInputs> {
  const now = opts.now ?? new Date();
  const rows = await db.need.findMany({
    where: { ...scope, status: { in: [...ASSIGNABLE_NEED_STATUSES] } },
    select: { id: true },
    orderBy: [{ neededBy: "asc" }, { id: "asc" }],
  });
  const onOffer = await db.assignment.groupBy({
    by: ["needId"],
    where: { needId: { in: rows.map((r) => r.id) }, status: "OFFERED" },
    _sum: { quantity: true },
  });
  const offered = new Map(onOffer.map((o) => [o.needId, o._sum.quantity ?? 0]));
  // a resource already tried on a need (declined, expired, dropped or withdrawn) is not proposed for it again;
  // a dispatcher can still swap it back in by hand (matchAssign.replace re-checks only eligibility)
  const triedRows = await db.assignment.findMany({
    where: { needId: { in: rows.map((r) => r.id) }, resourceId: { not: null }, status: { in: ["DECLINED", "EXPIRED", "CANCELLED"] } },
    select: { needId: true, resourceId: true },
  });
  const tried = new Set(triedRows.map((t) => `${t.needId}:${t.resourceId}`));
  const needs: AssignmentInputs["needs"] = [];
  const items: NeedWithCandidates[] = [];
  const scored = new Map<string, Map<string, ScoredCandidate>>();
  for (const r of rows) {
    const info = await loadMatchNeed(db, r.id);
    const need = { ...info, quantityOpen: Math.max(0, info.quantityOpen - (offered.get(r.id) ?? 0)) };
    needs.push(need);
    const found = need.quantityOpen > 0
      ? (await findCandidates(db, need, { poolSize: opts.poolSize, now })).filter((c) => !tried.has(`${need.id}:${c.resourceId}`))
      : [];
    const list = found.map((c) => scoreCandidate(need, c, { now }));
    scored.set(need.id, new Map(list.map((c) => [c.resourceId, c])));
    items.push({ needId: need.id, priority: need.priority as PriorityTier, quantityOpen: need.quantityOpen, candidates: list });
  }
  return { needs, items, scored };
}
