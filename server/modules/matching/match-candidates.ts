import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TMatchCandidateDto, TMatchCandidatesInput, TMatchResult } from "@/lib/schemas/matching";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import { loadMatchNeed } from "@/server/modules/matching/load-match-need";
import { rankCandidates } from "@/server/modules/matching/scoring/score-candidate";
import type { ScoredCandidate } from "@/server/modules/matching/scoring/scoring-types";
import { metricLabelsOf } from "@/server/modules/matching/compatible-types";
import { addVolunteered } from "@/server/modules/volunteers/volunteered-candidates";

export const DEFAULT_MATCH_LIMIT = 20;

function toDto(s: ScoredCandidate, volunteered: TMatchCandidateDto["volunteered"] = null): TMatchCandidateDto {
  return {
    resourceId: s.resourceId,
    title: s.title,
    titleEn: s.titleEn,
    typeId: s.typeId,
    typeCode: s.typeCode,
    typeLevel: s.typeLevel,
    // An individual supplier is shown as such: no user id, name or contact leaves the server here.
    supplier: s.orgId
      ? { kind: "ORGANIZATION", orgId: s.orgId, name: s.orgName, nameEn: s.orgNameEn }
      : { kind: "INDIVIDUAL", orgId: null, name: null, nameEn: null },
    distanceKm: Math.round(s.distanceKm * 100) / 100,
    lat: s.lat,
    lng: s.lng,
    availableQuantity: s.availableQuantity,
    capabilities: s.capabilities,
    mobilizationMinutes: s.mobilizationMinutes,
    pricingMode: s.pricingMode,
    priceCents: s.priceCents,
    score: s.score,
    breakdown: s.breakdown,
    etaMinutes: s.etaMinutes,
    slackMinutes: s.slackMinutes,
    onTime: s.slackMinutes >= 0,
    explanation: s.explanation,
    volunteered,
  };
}

/**
 * Ranked, explained candidates for one need. The need must be visible to the caller under the incidents
 * module's rules (members of the owning government organisation, admins; an API key for its own
 * organisation) — else NOT_FOUND. Read-only: nothing is held or offered here.
 */
export async function matchCandidates(db: Db, actor: Actor, input: TMatchCandidatesInput, now = new Date()): Promise<TMatchResult> {
  const need = await loadMatchNeed(db, input.id, actor, { withVolunteers: true });
  const limit = input.limit ?? DEFAULT_MATCH_LIMIT;
  const candidates = await findCandidates(db, need, { poolSize: Math.max(limit, 50), now });
  const metrics = metricLabelsOf(need.compatibleTypes, need.typeId);
  const ranked = await addVolunteered(db, need, rankCandidates(need, candidates, { now, metrics }, { limit }), { now, metrics }, need.liveVolunteers);
  return {
    need: {
      id: need.id,
      incidentId: need.incidentId,
      title: need.title,
      status: need.status,
      typeCode: need.typeCode,
      category: need.category,
      priority: need.priority,
      quantity: need.quantity,
      quantityOpen: need.quantityOpen,
      unit: need.unit,
      neededBy: need.neededBy,
      maxDistanceKm: need.maxDistanceKm,
    },
    candidates: ranked.map((r) => toDto(r.candidate, r.volunteered)),
    generatedAt: now,
  };
}
