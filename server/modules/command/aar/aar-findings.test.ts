import { describe, expect, it } from "vitest";
import type { TAarNeedType } from "@/lib/schemas/aar";
import type { TCommandKpis, TResponseSegment } from "@/lib/schemas/command-kpis";
import type { TReplayEvent } from "@/lib/schemas/command-replay";
import { deriveFindings, EVIDENCE_CAP, intervalEvents, type FindingsInput } from "@/server/modules/command/aar/aar-findings";

const T = new Date("2026-11-01T00:00:00Z");
let seq = 0;
const ev = (kind: TReplayEvent["kind"], action: string, needId: string | null, assignmentId: string | null, status: string | null): TReplayEvent => ({
  seq: String(++seq), at: T, action, kind, needId, assignmentId, status, quantity: null,
});
const segs = (p90: Partial<Record<TResponseSegment, number>>): TCommandKpis["responseTimes"] =>
  (["POSTED_TO_FIRST_OFFER", "FIRST_OFFER_TO_COMMITTED", "TURNOUT", "TRAVEL", "ON_SCENE"] as const).map((segment) => ({
    segment, n: p90[segment] === undefined ? 0 : 1, medianSeconds: p90[segment] ?? null, p90Seconds: p90[segment] ?? null,
  }));
const type = (key: string, p90: Partial<Record<TResponseSegment, number>>, needed: number, committed: number): TAarNeedType => ({
  key, typeCode: key, category: "EQUIPMENT", nameZh: key, nameEn: key, needs: 1, responseTimes: segs(p90),
  funnel: { needId: null, title: "", priority: null, needed, committed, enRoute: 0, onScene: 0, released: 0 },
});
const answers = (accepted: number, declined: number, expired = 0): TCommandKpis["supplierResponses"] => {
  const settled = accepted + declined + expired;
  return { offered: settled, accepted, declined, expired, unanswered: 0, acceptanceRate: settled ? accepted / settled : null, declineRate: settled ? declined / settled : null, reasons: [{ reason: "太远", count: declined }] };
};
const input = (patch: Partial<FindingsInput>): FindingsInput => ({
  needTypes: [], needType: new Map(), unmetNeeds: [], supplierResponses: answers(0, 0), intervals: [], events: [], ...patch,
});

describe("segment rules (p90 against the stated targets)", () => {
  it("over the target is an area for improvement linked to the slow units' events only; at the target a strength", () => {
    const events = [ev("UNIT_STAGE", "assignment.accept", "n1", "a1", "ACCEPTED"), ev("UNIT_STAGE", "assignment.progress", "n1", "a1", "EN_ROUTE"),
      ev("UNIT_STAGE", "assignment.accept", "n1", "a2", "ACCEPTED"), ev("UNIT_STAGE", "assignment.progress", "n1", "a2", "EN_ROUTE")];
    const out = deriveFindings(input({
      needTypes: [type("PUMP", { TURNOUT: 1801, TRAVEL: 3600, ON_SCENE: 99_999 }, 0, 0)],
      needType: new Map([["n1", "PUMP"]]),
      intervals: [
        { needId: "n1", assignmentId: "a1", segment: "TURNOUT", seconds: 600 },
        { needId: "n1", assignmentId: "a2", segment: "TURNOUT", seconds: 2000 },
        { needId: "n1", assignmentId: "a1", segment: "TRAVEL", seconds: 3600 },
      ],
      events,
    }));
    expect(out.map((f) => [f.key, f.kind])).toEqual([["SEGMENT_SLOW:PUMP:TURNOUT", "IMPROVEMENT"], ["SEGMENT_WITHIN:PUMP:TRAVEL", "STRENGTH"]]);
    expect(out[0]!.evidence.map((e) => e.assignmentId)).toEqual(["a2", "a2"]);
    expect(out[0]!.figures).toMatchObject({ over: 1, thresholdSeconds: 1800 });
    // on-scene time has no target: no finding at all
    expect(out.some((f) => f.segment === "ON_SCENE")).toBe(false);
  });

  it("the posted → first offer interval links the posting and the need's first offer (a knight's first accept when no offer)", () => {
    const posted = ev("NEED_POSTED", "need.create", "k1", null, "OPEN");
    const accept = ev("UNIT_STAGE", "knightOffer.accept", "k1", "x1", "ACCEPTED");
    expect(intervalEvents([posted, accept], { needId: "k1", assignmentId: null, segment: "POSTED_TO_FIRST_OFFER", seconds: 60 })).toEqual([posted, accept]);
  });
});

describe("need-type and supplier rules", () => {
  it("unmet demand is an area for improvement even when the rest was filled; ≥ 90 % filled without unmet is a strength", () => {
    const out = deriveFindings(input({
      needTypes: [type("BOAT", {}, 10, 9), type("BAG", {}, 10, 10), type("TENT", {}, 10, 8)],
      needType: new Map([["b1", "BOAT"], ["g1", "BAG"], ["t1", "TENT"]]),
      unmetNeeds: [{ needId: "g1", unitsShort: 0 }],
      events: [ev("NEED_POSTED", "need.create", "g1", null, "OPEN"), ev("UNIT_STAGE", "assignment.accept", "b1", "a9", "ACCEPTED")],
    }));
    expect(out.map((f) => f.key)).toEqual(["NEED_TYPE_UNMET:BAG", "NEED_TYPE_FILLED:BOAT"]);
    expect(out[0]!.evidence).toHaveLength(1);
    expect(out[1]!.evidence[0]!.assignmentId).toBe("a9");
  });

  it("decline rate above 30 % over at least 3 answers is an area for improvement with its reasons; 80 % accepted a strength; fewer answers say nothing", () => {
    expect(deriveFindings(input({ supplierResponses: answers(2, 1) })).map((f) => f.key)).toEqual(["HIGH_DECLINE_RATE"]);
    expect(deriveFindings(input({ supplierResponses: answers(2, 1) }))[0]!.reasons).toEqual([{ reason: "太远", count: 1 }]);
    expect(deriveFindings(input({ supplierResponses: answers(7, 3) })).map((f) => f.key)).toEqual([]); // exactly 30 %, 70 % accepted
    expect(deriveFindings(input({ supplierResponses: answers(4, 1) })).map((f) => f.key)).toEqual(["HIGH_ACCEPTANCE_RATE"]);
    expect(deriveFindings(input({ supplierResponses: answers(0, 2) })).map((f) => f.key)).toEqual([]);
  });

  it("evidence is ordered by chain position, deduplicated, and capped with a count of the rest", () => {
    const many = Array.from({ length: EVIDENCE_CAP + 3 }, (_, i) => ev("UNIT_STAGE", "assignment.decline", "n", `d${i}`, "DECLINED")).reverse();
    const out = deriveFindings(input({ supplierResponses: answers(0, 5), events: [...many, many[0]!] }));
    expect(out[0]!.evidence).toHaveLength(EVIDENCE_CAP);
    expect(out[0]!.evidenceMore).toBe(3);
    const order = out[0]!.evidence.map((e) => Number(e.seq));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
