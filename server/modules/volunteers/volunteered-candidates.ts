import type { Db } from "@/server/db";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import type { MatchNeed } from "@/server/modules/matching/match-types";
import { scoreCandidate } from "@/server/modules/matching/scoring/score-candidate";
import type { MetricLabel, ScoredCandidate } from "@/server/modules/matching/scoring/scoring-types";

export type Volunteered = { volunteerId: string; at: Date } | null;

/** Live offers to help on a need, by listing id. */
export async function liveVolunteers(db: Db, needId: string): Promise<Map<string, { volunteerId: string; at: Date }>> {
  const rows = await db.volunteer.findMany({
    where: { needId, withdrawnAt: null },
    select: { id: true, resourceId: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return new Map(rows.map((r) => [r.resourceId, { volunteerId: r.id, at: r.createdAt }]));
}

/**
 * Marks the ranked candidates a supplier volunteered, and adds the volunteered listings that ranked below the
 * cut — but only those that pass every rule of the candidate query for this need right now (findCandidates
 * restricted to the listing): volunteering never bypasses eligibility. Added ones follow the ranked list,
 * best score first.
 */
export async function addVolunteered(
  db: Db,
  need: MatchNeed,
  ranked: ScoredCandidate[],
  ctx: { now: Date; metrics: Record<string, MetricLabel> },
  /** The need's live volunteers when already loaded with it (loadMatchNeed `withVolunteers`). */
  loaded?: Map<string, { volunteerId: string; at: Date }>,
): Promise<{ candidate: ScoredCandidate; volunteered: Volunteered }[]> {
  const offers = loaded ?? (await liveVolunteers(db, need.id));
  const out = ranked.map((candidate) => ({ candidate, volunteered: offers.get(candidate.resourceId) ?? null }));
  const listed = new Set(ranked.map((c) => c.resourceId));
  const extra: { candidate: ScoredCandidate; volunteered: Volunteered }[] = [];
  for (const [resourceId, v] of offers) {
    if (listed.has(resourceId)) continue;
    const [found] = await findCandidates(db, need, { now: ctx.now, resourceId, poolSize: 1 });
    if (found) extra.push({ candidate: scoreCandidate(need, found, ctx), volunteered: v });
  }
  extra.sort((a, b) => b.candidate.score - a.candidate.score);
  return [...out, ...extra];
}
