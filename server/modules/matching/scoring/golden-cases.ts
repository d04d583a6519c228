import type { Candidate, MatchNeed } from "@/server/modules/matching/match-types";
import type { ScoringContext } from "@/server/modules/matching/scoring/scoring-types";

/** The fixed inputs of the golden scoring table (scoring.golden.test.ts pins their outputs). */

export const GOLDEN_NOW = new Date("2026-07-06T08:00:00Z");

export const goldenNeed: MatchNeed = {
  id: "need-golden",
  typeId: "t-pump-2",
  category: "EQUIPMENT",
  typeKind: "PUMP",
  typeLevel: 2,
  requiredCapabilities: { flow_m3h: 500 },
  quantityOpen: 3,
  stagingLat: 32.06,
  stagingLng: 118.79,
  neededBy: new Date("2026-07-06T09:00:00Z"),
  durationMinutes: 480,
  maxDistanceKm: 150,
  paymentMode: "PUBLIC_GOOD",
  priority: "LIFE_SAFETY",
};

export const goldenCandidate: Candidate = {
  resourceId: "r-base",
  orgId: "org-a",
  orgName: "Org A",
  orgNameEn: null,
  ownerUserId: null,
  title: "Pump",
  titleEn: null,
  typeId: "t-pump-2",
  typeCode: "EQ-PUMP-2",
  typeLevel: 2,
  category: "EQUIPMENT",
  distanceKm: 12.4,
  lat: 32.1,
  lng: 118.9,
  availableQuantity: 1,
  capabilities: { flow_m3h: 600 },
  mobilizationMinutes: 15,
  speedKmh: null,
  travelRange: "CITY",
  maxTravelKm: 150,
  pricingMode: "FREE",
  priceCents: 0,
  completedCount: 24,
  declinedCount: 1,
  offeredCount: 25,
  ratingAvg: 4.6,
  ratingCount: 10,
  activeAssignments: 0,
};

export const goldenCtx: ScoringContext = {
  now: GOLDEN_NOW,
  metrics: { flow_m3h: { unit: "m³/h", labelZh: "流量", labelEn: "flow" }, head_m: { unit: "m", labelZh: "扬程", labelEn: "head" } },
};

export type GoldenCase = { name: string; need?: Partial<MatchNeed>; c?: Partial<Candidate>; ctx?: Partial<ScoringContext> };

export const GOLDEN_CASES: GoldenCase[] = [
  { name: "baseline: near, on time, good fit, strong history" },
  { name: "far but on time (needed in 3 h)", need: { neededBy: new Date("2026-07-06T11:00:00Z") }, c: { distanceKm: 80 } },
  { name: "late: arrives after needed-by", c: { distanceKm: 60, mobilizationMinutes: 30 } },
  { name: "gross over-provision (flow 3000 for 500)", c: { capabilities: { flow_m3h: 3000 } } },
  { name: "more capable type level (1 for a level-2 need)", c: { typeLevel: 1, typeId: "t-pump-1", typeCode: "EQ-PUMP-1" } },
  { name: "no history, no rating (priors only)", c: { completedCount: 0, declinedCount: 0, offeredCount: 0, ratingAvg: null, ratingCount: 0 } },
  { name: "poor history: many declines, low rating", c: { completedCount: 5, declinedCount: 15, offeredCount: 20, ratingAvg: 2.1, ratingCount: 8 } },
  { name: "paid need, daily price", need: { paymentMode: "PAID" }, c: { pricingMode: "DAILY", priceCents: 300_000 } },
  { name: "paid need, free resource", need: { paymentMode: "PAID" } },
  { name: "busy supplier (6 live assignments via supplierLoad)", ctx: { supplierLoad: { "org-a": 6 } } },
  { name: "own speed 80 km/h, two capabilities", need: { requiredCapabilities: { flow_m3h: 500, head_m: 10 } }, c: { speedKmh: 80, capabilities: { flow_m3h: 700, head_m: 25 } } },
  { name: "individual expert, category default speed, no requirement, late", need: { typeId: null, typeKind: null, typeLevel: null, category: "EXPERT", requiredCapabilities: {} }, c: { orgId: null, ownerUserId: "u-1", category: "EXPERT", distanceKm: 30.05, mobilizationMinutes: 45, activeAssignments: 1 } },
];

export function goldenInputs(g: GoldenCase): { need: MatchNeed; c: Candidate; ctx: ScoringContext } {
  return {
    need: { ...goldenNeed, ...g.need },
    c: { ...goldenCandidate, resourceId: `r-${GOLDEN_CASES.indexOf(g)}`, ...g.c },
    ctx: { ...goldenCtx, ...g.ctx },
  };
}
