import { LIVE_ASSIGNMENT_STATUSES, needWindow, shanghaiClock, type MatchNeed } from "@/server/modules/matching/match-types";

/**
 * The brute-force oracle for the candidate query (tests only): every eligibility rule in plain
 * TypeScript over in-memory rows, haversine distance, no index. `skip` drops one rule on purpose, so the
 * property test can prove it notices a wrong rule set.
 */

export type OType = { id: string; kind: string; typeLevel: number; category: string; requiredCredentialKinds: string[] };
export type OResource = {
  id: string; typeId: string; ownerOrgId: string | null; ownerUserId: string | null; status: string;
  lat: number; lng: number; capabilities: Record<string, unknown>; totalQuantity: number; committedQuantity: number; maxTravelKm: number;
};
export type OWindow = { resourceId: string; kind: "WEEKLY" | "BLACKOUT" | "DATED"; weekday: number | null; startMinute: number | null; endMinute: number | null; startsAt: Date | null; endsAt: Date | null };
export type OCredential = { resourceId: string; kind: string; validFrom: Date | null; validUntil: Date | null };
export type OAssignment = { resourceId: string; unitIndex: number | null; status: string; windowStart: Date; windowEnd: Date };
export type ODataset = {
  types: OType[];
  orgs: { id: string; verification: string }[];
  expertUserIds: string[];
  disabledUserIds: string[];
  resources: OResource[];
  windows: OWindow[];
  credentials: OCredential[];
  assignments: OAssignment[];
};

export type OracleRule = "status" | "type" | "capabilities" | "quantity" | "blackout" | "weekly" | "assignments" | "credentials" | "owner" | "needRadius" | "travelRange";

/** earthdistance's earth() radius, metres */
export const EARTH_RADIUS_M = 6378168;

export function haversineM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export type OracleHit = { id: string; distM: number; availableQuantity: number; borderline: boolean };

export function oracleCandidates(data: ODataset, need: MatchNeed, skip: OracleRule | null = null): OracleHit[] {
  const on = (r: OracleRule) => r !== skip;
  const { start, end } = needWindow(need);
  const clock = shanghaiClock(start);
  const types = new Map(data.types.map((t) => [t.id, t]));
  const orgs = new Map(data.orgs.map((o) => [o.id, o.verification]));
  const disabled = new Set(data.disabledUserIds);
  const experts = new Set(data.expertUserIds.filter((u) => !disabled.has(u)));
  const live = new Set<string>(LIVE_ASSIGNMENT_STATUSES);
  const out: OracleHit[] = [];
  for (const r of data.resources) {
    const t = types.get(r.typeId)!;
    if (on("status") && r.status !== "AVAILABLE") continue;
    if (on("type")) {
      const ok = need.typeId === null
        ? t.category === need.category
        : t.id === need.typeId || (t.kind === need.typeKind && need.typeLevel !== null && t.typeLevel <= need.typeLevel);
      if (!ok) continue;
    }
    if (on("capabilities") && !Object.entries(need.requiredCapabilities).every(([k, min]) => typeof r.capabilities[k] === "number" && (r.capabilities[k] as number) >= min)) continue;
    const distM = haversineM(r.lat, r.lng, need.stagingLat, need.stagingLng);
    const radius = need.maxDistanceKm * 1000;
    const travel = r.maxTravelKm * 1000;
    if (on("needRadius") && distM > radius) continue;
    if (on("travelRange") && distM > travel) continue;
    const busy = new Set(
      data.assignments
        .filter((a) => a.resourceId === r.id && a.unitIndex !== null && live.has(a.status) && a.windowStart < end && a.windowEnd > start)
        .map((a) => a.unitIndex),
    ).size;
    const free = on("quantity") ? r.totalQuantity - r.committedQuantity : r.totalQuantity;
    const availableQuantity = Math.min(free, on("assignments") ? r.totalQuantity - busy : r.totalQuantity);
    if (availableQuantity < 1) continue;
    if (on("owner")) {
      const ok = r.ownerOrgId !== null ? orgs.get(r.ownerOrgId) === "VERIFIED" : r.ownerUserId !== null && experts.has(r.ownerUserId);
      if (!ok) continue;
    }
    const ws = data.windows.filter((w) => w.resourceId === r.id);
    if (on("blackout") && ws.some((w) => w.kind === "BLACKOUT" && w.startsAt! < end && w.endsAt! > start)) continue;
    if (on("weekly") && ws.some((w) => w.kind === "WEEKLY")) {
      const covered = ws.some(
        (w) =>
          (w.kind === "WEEKLY" && w.weekday === clock.weekday && w.startMinute! <= clock.minute && w.endMinute! > clock.minute) ||
          (w.kind === "DATED" && w.startsAt! <= start && w.endsAt! > start),
      );
      if (!covered) continue;
    }
    if (on("credentials")) {
      const creds = data.credentials.filter((c) => c.resourceId === r.id);
      const ok = t.requiredCredentialKinds.every((k) =>
        creds.some((c) => c.kind === k && (c.validFrom === null || c.validFrom <= start) && (c.validUntil === null || c.validUntil >= end)),
      );
      if (!ok) continue;
    }
    const borderline = Math.abs(distM - radius) < 1 || Math.abs(distM - travel) < 1;
    out.push({ id: r.id, distM, availableQuantity, borderline });
  }
  return out.sort((a, b) => a.distM - b.distM || (a.id < b.id ? -1 : 1));
}
