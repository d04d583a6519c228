import type { TAarNeedType, TFinding, TFindingEvidence } from "@/lib/schemas/aar";
import type { TCommandKpis, TResponseSegment } from "@/lib/schemas/command-kpis";
import type { TReplayEvent } from "@/lib/schemas/command-replay";
import type { ResponseInterval } from "@/server/modules/command/kpis/response-times";

/**
 * The rules that turn an incident's figures into HSEEP strengths and areas for improvement. Pure: the
 * report loader gathers the figures (the command KPIs narrowed to the incident) and the incident's audit
 * events (normalised as for the replay), and every finding names the audit events behind it.
 */

/** p90 above these (seconds) is an area for improvement; at or below, a strength. On-scene time is work, not delay: no threshold. */
export const SEGMENT_P90_THRESHOLDS: Partial<Record<TResponseSegment, number>> = {
  POSTED_TO_FIRST_OFFER: 15 * 60,
  FIRST_OFFER_TO_COMMITTED: 30 * 60,
  TURNOUT: 30 * 60,
  TRAVEL: 60 * 60,
};
/** A need type is a strength when at least this share of its units was committed and none went unmet. */
export const FILLED_SHARE = 0.9;
/** Supplier answers needed before a rate says anything, and the rates that make a finding. */
export const MIN_ANSWERS = 3;
export const HIGH_DECLINE_RATE = 0.3;
export const HIGH_ACCEPTANCE_RATE = 0.8;
/** Evidence rows listed per finding; the rest are counted (the timeline shows all of them). */
export const EVIDENCE_CAP = 12;

export type FindingsInput = {
  needTypes: TAarNeedType[];
  /** Need id → its type key. */
  needType: Map<string, string>;
  /** Needs that carry an unmet reason, with the units they were short. */
  unmetNeeds: { needId: string; unitsShort: number }[];
  supplierResponses: TCommandKpis["supplierResponses"];
  intervals: ResponseInterval[];
  events: TReplayEvent[];
};

type Pick = (e: TReplayEvent) => boolean;

function evidence(events: TReplayEvent[]): { evidence: TFindingEvidence[]; evidenceMore: number } {
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const sorted = [...bySeq.values()].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  return {
    evidence: sorted.slice(0, EVIDENCE_CAP).map((e) => ({ seq: e.seq, at: e.at, action: e.action, needId: e.needId, assignmentId: e.assignmentId })),
    evidenceMore: Math.max(0, sorted.length - EVIDENCE_CAP),
  };
}

const unit = (status: string): Pick => (e) => e.kind === "UNIT_STAGE" && e.status === status;
const posting: Pick = (e) => e.kind === "NEED_POSTED" || (e.kind === "NEED_STATUS" && e.action === "need.approve");

/** The audit events that start and end one measured interval. */
export function intervalEvents(events: TReplayEvent[], iv: ResponseInterval): TReplayEvent[] {
  const ofNeed = events.filter((e) => e.needId === iv.needId);
  const ofUnit = iv.assignmentId ? events.filter((e) => e.assignmentId === iv.assignmentId) : [];
  // The need's first offer: a resource offer, or (knight tasks record only the accept) its first accept.
  const firstOffer = ofNeed.find(unit("OFFERED")) ?? ofNeed.find(unit("ACCEPTED"));
  const firstAccept = ofNeed.find(unit("ACCEPTED"));
  const pair = (a: Pick, b: Pick) => [ofUnit.find(a), ofUnit.find(b)];
  const picked =
    iv.segment === "POSTED_TO_FIRST_OFFER" ? [...ofNeed.filter(posting), firstOffer]
    : iv.segment === "FIRST_OFFER_TO_COMMITTED" ? [firstOffer, firstAccept]
    : iv.segment === "TURNOUT" ? pair(unit("ACCEPTED"), unit("EN_ROUTE"))
    : iv.segment === "TRAVEL" ? pair(unit("EN_ROUTE"), unit("ON_SCENE"))
    : pair(unit("ON_SCENE"), (e) => unit("RELEASED")(e) || unit("COMPLETED")(e));
  return picked.filter((e): e is TReplayEvent => !!e);
}

export function deriveFindings(input: FindingsInput): TFinding[] {
  const findings: TFinding[] = [];
  const base = { reasons: [] as { reason: string; count: number }[] };

  for (const t of input.needTypes) {
    // Response segments per need type, against the stated thresholds.
    for (const s of t.responseTimes) {
      const limit = SEGMENT_P90_THRESHOLDS[s.segment];
      if (limit === undefined || s.n === 0 || s.p90Seconds === null) continue;
      const slow = s.p90Seconds > limit;
      const mine = input.intervals.filter((iv) => iv.segment === s.segment && input.needType.get(iv.needId) === t.key);
      const behind = slow ? mine.filter((iv) => iv.seconds > limit) : mine;
      findings.push({
        ...base,
        key: `${slow ? "SEGMENT_SLOW" : "SEGMENT_WITHIN"}:${t.key}:${s.segment}`,
        kind: slow ? "IMPROVEMENT" : "STRENGTH",
        rule: slow ? "SEGMENT_SLOW" : "SEGMENT_WITHIN",
        typeKey: t.key,
        segment: s.segment,
        figures: { p90Seconds: s.p90Seconds, medianSeconds: s.medianSeconds ?? 0, thresholdSeconds: limit, n: s.n, over: mine.filter((iv) => iv.seconds > limit).length },
        ...evidence(behind.flatMap((iv) => intervalEvents(input.events, iv))),
      });
    }
    // Unmet demand, or a type filled (nearly) in full.
    const unmet = input.unmetNeeds.filter((u) => input.needType.get(u.needId) === t.key);
    if (unmet.length > 0) {
      const ids = new Set(unmet.map((u) => u.needId));
      findings.push({
        ...base,
        key: `NEED_TYPE_UNMET:${t.key}`,
        kind: "IMPROVEMENT",
        rule: "NEED_TYPE_UNMET",
        typeKey: t.key,
        segment: null,
        figures: { needs: unmet.length, unitsShort: unmet.reduce((sum, u) => sum + u.unitsShort, 0) },
        ...evidence(input.events.filter((e) => e.needId !== null && ids.has(e.needId) && (e.kind === "NEED_POSTED" || e.kind === "NEED_STATUS"))),
      });
    } else if (t.funnel.needed > 0 && t.funnel.committed / t.funnel.needed >= FILLED_SHARE) {
      findings.push({
        ...base,
        key: `NEED_TYPE_FILLED:${t.key}`,
        kind: "STRENGTH",
        rule: "NEED_TYPE_FILLED",
        typeKey: t.key,
        segment: null,
        figures: { needed: t.funnel.needed, committed: t.funnel.committed, share: t.funnel.committed / t.funnel.needed },
        ...evidence(input.events.filter((e) => e.needId !== null && input.needType.get(e.needId) === t.key && unit("ACCEPTED")(e))),
      });
    }
  }

  // Supplier answers over the whole incident.
  const r = input.supplierResponses;
  const answered = r.accepted + r.declined + r.expired;
  if (answered >= MIN_ANSWERS && r.declineRate !== null && r.declineRate > HIGH_DECLINE_RATE) {
    findings.push({
      key: "HIGH_DECLINE_RATE",
      kind: "IMPROVEMENT",
      rule: "HIGH_DECLINE_RATE",
      typeKey: null,
      segment: null,
      figures: { declined: r.declined, answered, rate: r.declineRate, thresholdRate: HIGH_DECLINE_RATE },
      reasons: r.reasons,
      ...evidence(input.events.filter(unit("DECLINED"))),
    });
  } else if (answered >= MIN_ANSWERS && r.acceptanceRate !== null && r.acceptanceRate >= HIGH_ACCEPTANCE_RATE) {
    findings.push({
      ...base,
      key: "HIGH_ACCEPTANCE_RATE",
      kind: "STRENGTH",
      rule: "HIGH_ACCEPTANCE_RATE",
      typeKey: null,
      segment: null,
      figures: { accepted: r.accepted, answered, rate: r.acceptanceRate, thresholdRate: HIGH_ACCEPTANCE_RATE },
      ...evidence(input.events.filter((e) => e.action === "assignment.accept")),
    });
  }
  // Areas for improvement first (what the plan answers), then strengths; each in the order found.
  return [...findings.filter((f) => f.kind === "IMPROVEMENT"), ...findings.filter((f) => f.kind === "STRENGTH")];
}
