import type { CompatibleType } from "@/server/modules/matching/compatible-types";

/** A need as the matcher sees it (loaded by loadMatchNeed, or built directly by the assignment solver/tests). */
export type MatchNeed = {
  id: string;
  typeId: string | null;
  category: string;
  /** ResourceType.kind of the need's type (null for category-only needs). */
  typeKind: string | null;
  /** ResourceType.typeLevel of the need's type: 1 = most capable. */
  typeLevel: number | null;
  /** { metricKey: minimum } */
  requiredCapabilities: Record<string, number>;
  /** quantity − committed, what is still to be filled. */
  quantityOpen: number;
  stagingLat: number;
  stagingLng: number;
  neededBy: Date;
  durationMinutes: number;
  maxDistanceKm: number;
  paymentMode: string;
  priority: string;
  /** The resource types that may serve it, when loaded with the need (else findCandidates looks them up). */
  compatibleTypes?: CompatibleType[];
};

/** One eligible resource for a need, nearest first. No contact data. */
export type Candidate = {
  resourceId: string;
  orgId: string | null;
  /** The supplier organisation's name (null for an individual). */
  orgName: string | null;
  /** Its English name, when it has one (shown to English readers). */
  orgNameEn: string | null;
  ownerUserId: string | null;
  title: string;
  titleEn: string | null;
  typeId: string;
  typeCode: string;
  typeLevel: number;
  /** great-circle km from the resource base to the need's staging point */
  distanceKm: number;
  lat: number;
  lng: number;
  /** min(total − committed, total − units busy in the window) — at least 1 */
  availableQuantity: number;
  capabilities: Record<string, number>;
  mobilizationMinutes: number;
  speedKmh: number | null;
  travelRange: string;
  maxTravelKm: number;
  pricingMode: string;
  priceCents: number;
  completedCount: number;
  declinedCount: number;
  offeredCount: number;
  ratingAvg: number | null;
  ratingCount: number;
  /** live (OFFERED … ON_SCENE) assignments across the supplier's resources (org, or the individual owner) */
  activeAssignments: number;
  /** ResourceType.category of the candidate's type */
  category: string;
};

/** Assignment statuses that hold a unit (the exclusion constraint's set). */
export const LIVE_ASSIGNMENT_STATUSES = ["OFFERED", "ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"] as const;

/** Asia/Shanghai has no DST: local time = UTC + 8 h. */
export const SHANGHAI_OFFSET_MINUTES = 480;

/** Weekday (0 = Sunday) and minute after local midnight of an instant, in Asia/Shanghai. */
export function shanghaiClock(at: Date): { weekday: number; minute: number } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000);
  return { weekday: local.getUTCDay(), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export function needWindow(need: Pick<MatchNeed, "neededBy" | "durationMinutes">): { start: Date; end: Date } {
  return { start: need.neededBy, end: new Date(need.neededBy.getTime() + need.durationMinutes * 60_000) };
}
