import type { Db } from "@/server/db";
import { mapLimit } from "@/lib/map-limit";
import type { Prisma } from "@/server/generated/prisma/client";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import { loadMatchNeeds, type MatchNeedInfo } from "@/server/modules/matching/load-match-need";
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
  const ids = rows.map((r) => r.id);
  // independent reads, sent together (each sequential round trip queues again on a busy pool)
  const [onOffer, triedRows, infos] = await Promise.all([
    db.assignment.groupBy({ by: ["needId"], where: { needId: { in: ids }, status: "OFFERED" }, _sum: { quantity: true } }),
    // a resource already tried on a need (declined, expired, dropped or withdrawn) is not proposed for it again;
    // a dispatcher can still swap it back in by hand (matchAssign.replace re-checks only eligibility)
    db.assignment.findMany({
      where: { needId: { in: ids }, resourceId: { not: null }, status: { in: ["DECLINED", "EXPIRED", "CANCELLED"] } },
      select: { needId: true, resourceId: true },
    }),
    loadMatchNeeds(db, ids),
  ]);
  const offered = new Map(onOffer.map((o) => [o.needId, o._sum.quantity ?? 0]));
  const tried = new Set(triedRows.map((t) => `${t.needId}:${t.resourceId}`));
  const needs = infos.map((info) => ({ ...info, quantityOpen: Math.max(0, info.quantityOpen - (offered.get(info.id) ?? 0)) }));
  // One candidate query per need, a few at a time (the queries are independent; in a transaction they share
  // its one connection, so they go one by one there).
  const found = await mapLimit(needs, isClient(db) ? CANDIDATE_CONCURRENCY : 1, (need) =>
    need.quantityOpen > 0 ? findCandidates(db, need, { poolSize: opts.poolSize, now }) : Promise.resolve([]),
  );
  const items: NeedWithCandidates[] = [];
  const scored = new Map<string, Map<string, ScoredCandidate>>();
  needs.forEach((need, i) => {
    const list = found[i]!.filter((c) => !tried.has(`${need.id}:${c.resourceId}`)).map((c) => scoreCandidate(need, c, { now }));
    scored.set(need.id, new Map(list.map((c) => [c.resourceId, c])));
    items.push({ needId: need.id, priority: need.priority as PriorityTier, quantityOpen: need.quantityOpen, candidates: list });
  });
  return { needs, items, scored };
}

/** At most this many candidate queries of one proposal at once (the prepared-statement pool is small). */
const CANDIDATE_CONCURRENCY = 4;

function isClient(db: Db): boolean {
  return "$transaction" in db;
}
