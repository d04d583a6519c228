import type { Prisma } from "@/server/generated/prisma/client";
import { catalogueEntry } from "./catalogue-data";
import type { CatalogueEntry } from "./catalogue-types";
import type { NeedSpec } from "./incident-types";
import type { NeedRow } from "./incidents";
import type { KnightProfileRow } from "./knights";
import { distanceKm } from "./places";
import { MINUTE, type Rng } from "./random";
import type { ResourceRow } from "./resources";

/**
 * Assignments behind the seeded needs, so need counters, resource commitments and assignment rows agree.
 * Live assignments (OFFERED … ON_SCENE) never share a resource unit or a knight, which keeps the database's
 * no-overlap exclusion constraints satisfied whatever the windows.
 */
type AssignmentStatusName = "ACCEPTED" | "EN_ROUTE" | "ON_SCENE" | "RELEASED";

export interface AllocationContext {
  resourcesByKind: Map<string, { row: ResourceRow; entry: CatalogueEntry }[]>;
  knights: KnightProfileRow[];
  excludedKnightIds: Set<string>;
  usedLiveUnits: Set<string>;
  usedLiveKnights: Set<string>;
}

export function buildAllocationContext(
  resources: ResourceRow[],
  entryByTypeId: Map<string, CatalogueEntry>,
  knights: KnightProfileRow[],
  excludedKnightIds: string[],
): AllocationContext {
  const resourcesByKind = new Map<string, { row: ResourceRow; entry: CatalogueEntry }[]>();
  for (const row of resources) {
    const entry = entryByTypeId.get(row.typeId);
    if (!entry || row.status !== "AVAILABLE" || !row.ownerOrgId) continue;
    const list = resourcesByKind.get(entry.kind) ?? [];
    list.push({ row, entry });
    resourcesByKind.set(entry.kind, list);
  }
  return { resourcesByKind, knights, excludedKnightIds: new Set(excludedKnightIds), usedLiveUnits: new Set(), usedLiveKnights: new Set() };
}

export interface AllocationInput {
  need: NeedRow;
  spec: NeedSpec;
  live: boolean;
  progress: { committed: number; onScene: number; enRoute: number; released: number };
  proposedById: string;
  incidentKey: string;
  closedAt: Date | null;
  now: Date;
}

function slots(a: AllocationInput): [AssignmentStatusName, number][] {
  const p = a.progress;
  if (!a.live) return p.committed > 0 ? [["RELEASED", p.committed]] : [];
  const accepted = p.committed - p.onScene - p.enRoute - p.released;
  const list: [AssignmentStatusName, number][] = [["ON_SCENE", p.onScene], ["EN_ROUTE", p.enRoute], ["RELEASED", p.released], ["ACCEPTED", accepted]];
  return list.filter(([, n]) => n > 0);
}

export function allocateAssignments(rng: Rng, ctx: AllocationContext, a: AllocationInput) {
  const assignments: Prisma.AssignmentCreateManyInput[] = [];
  const reviews: Omit<Prisma.ReviewCreateManyInput, "authorId">[] = [];
  const queue = slots(a);
  if (queue.length === 0) return { assignments, reviews };
  const entry = catalogueEntry(a.spec.typeCode);
  const staging = { lat: a.need.stagingLat, lng: a.need.stagingLng };
  const windowStart = a.need.neededBy;
  const windowEnd = new Date(windowStart.getTime() + a.need.durationMinutes * MINUTE);

  const push = (target: { resourceId?: string; knightId?: string; unitIndex: number | null }, quantity: number, status: AssignmentStatusName, km: number) => {
    const times = timeline(rng, status, a, windowStart, windowEnd);
    const score = Math.round(rng.float(0.55, 0.97) * 1000) / 1000;
    const id = rng.id();
    assignments.push({
      id,
      needId: a.need.id,
      resourceId: target.resourceId ?? null,
      knightId: target.knightId ?? null,
      unitIndex: target.unitIndex,
      quantity,
      status,
      windowStart,
      windowEnd,
      score,
      scoreBreakdown: { distanceKm: Math.round(km * 10) / 10, distance: round3(Math.max(0, 1 - km / 100)), capability: round3(rng.float(0.6, 1)), reliability: round3(rng.float(0.5, 1)), leadTime: round3(rng.float(0.4, 1)) },
      explanationZh: `距集结点约${km.toFixed(1)}公里，满足最低能力要求。`,
      explanationEn: `About ${km.toFixed(1)} km from the staging point; meets the minimum capabilities.`,
      proposedById: a.proposedById,
      batchId: `seed-${a.incidentKey}`,
      ...times,
      createdAt: times.offeredAt,
      updatedAt: times.releasedAt ?? times.onSceneAt ?? times.enRouteAt ?? times.acceptedAt,
    });
    if (status === "RELEASED" && !a.live && target.resourceId && rng.chance(0.5)) {
      reviews.push({ id: rng.id(), assignmentId: id, rating: rng.weighted([[5, 50], [4, 35], [3, 10], [2, 5]] as const), comment: rng.pick(REVIEW_COMMENTS), createdAt: times.releasedAt ?? a.now, updatedAt: times.releasedAt ?? a.now });
    }
  };

  if (entry.category === "KNIGHT") {
    const allowed = a.spec.knight?.requiredVehicle;
    const candidates = ctx.knights
      .filter((k) => !ctx.excludedKnightIds.has(k.id) && k.status !== "SUSPENDED" && (!a.live || (k.onDuty && !ctx.usedLiveKnights.has(k.id))))
      .filter((k) => !allowed || allowed.length === 0 || allowed.includes(k.vehicle))
      .map((k) => ({ k, km: distanceKm(staging, { lat: k.lastLat ?? staging.lat + 0.05, lng: k.lastLng ?? staging.lng }) }))
      .sort((x, y) => x.km - y.km);
    let i = 0;
    for (const [status, count] of queue) {
      for (let n = 0; n < count && i < candidates.length; n++, i++) {
        const { k, km } = candidates[i];
        if (a.live) ctx.usedLiveKnights.add(k.id);
        push({ knightId: k.id, unitIndex: null }, 1, status, km);
      }
    }
    return { assignments, reviews };
  }

  const candidates = (ctx.resourcesByKind.get(entry.kind) ?? [])
    .filter((c) => c.entry.typeLevel <= entry.typeLevel)
    .map((c) => ({ ...c, km: distanceKm(staging, c.row) }))
    .sort((x, y) => x.km - y.km);
  const divisible = entry.category === "MATERIAL";
  let qi = 0;
  let left = queue[0][1];
  for (const c of candidates) {
    if (qi >= queue.length) break;
    if (divisible) {
      let free = c.row.totalQuantity! - (c.row.committedQuantity ?? 0);
      while (free > 0 && qi < queue.length) {
        const take = Math.min(free, left);
        push({ resourceId: c.row.id, unitIndex: null }, take, queue[qi][0], c.km);
        if (a.live && queue[qi][0] !== "RELEASED") c.row.committedQuantity = (c.row.committedQuantity ?? 0) + take;
        free -= take;
        left -= take;
        if (left === 0 && ++qi < queue.length) left = queue[qi][1];
      }
      continue;
    }
    for (let unit = 0; unit < (c.row.totalQuantity ?? 1) && qi < queue.length; unit++) {
      const key = `${c.row.id}:${unit}`;
      if (a.live && ctx.usedLiveUnits.has(key)) continue;
      if (a.live) ctx.usedLiveUnits.add(key);
      push({ resourceId: c.row.id, unitIndex: unit }, 1, queue[qi][0], c.km);
      if (--left === 0 && ++qi < queue.length) left = queue[qi][1];
    }
  }
  return { assignments, reviews };
}

const ORDER: AssignmentStatusName[] = ["ACCEPTED", "EN_ROUTE", "ON_SCENE", "RELEASED"];

/** Lifecycle timestamps consistent with the status; live ones all lie before "now". */
function timeline(rng: Rng, status: AssignmentStatusName, a: AllocationInput, windowStart: Date, windowEnd: Date) {
  const stage = ORDER.indexOf(status);
  const anchor = a.live ? Math.min(a.now.getTime() - 15 * MINUTE, windowStart.getTime()) : windowStart.getTime();
  const offeredAt = new Date(Math.max(anchor - rng.int(20, 90) * MINUTE, a.need.createdAt ? (a.need.createdAt as Date).getTime() : 0));
  const acceptedAt = new Date(offeredAt.getTime() + rng.int(2, 8) * MINUTE);
  const mobilizedAt = new Date(acceptedAt.getTime() + rng.int(1, 4) * MINUTE);
  const enRouteAt = stage >= 1 ? new Date(mobilizedAt.getTime() + rng.int(1, 4) * MINUTE) : null;
  const onSceneAt = stage >= 2 && enRouteAt ? new Date(Math.min(a.now.getTime(), enRouteAt.getTime() + rng.int(5, 15) * MINUTE)) : null;
  // Released before the incident closed (or before "now"), so the written history follows the steps in order.
  const end = Math.min(windowEnd.getTime(), (a.closedAt ?? a.now).getTime() - 45 * MINUTE);
  const completedAt = stage >= 3 ? new Date(Math.max(end, (onSceneAt ?? acceptedAt).getTime() + MINUTE)) : null;
  return {
    offeredAt,
    holdExpiresAt: new Date(offeredAt.getTime() + 15 * MINUTE),
    respondedAt: acceptedAt,
    acceptedAt,
    mobilizedAt: stage >= 1 ? mobilizedAt : null,
    enRouteAt,
    onSceneAt,
    completedAt,
    releasedAt: completedAt ? new Date(completedAt.getTime() + rng.int(5, 30) * MINUTE) : null,
  };
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

const REVIEW_COMMENTS = [
  "响应迅速，设备状态良好。",
  "按时到达集结点，配合指挥部工作积极。",
  "操作人员专业，处置效率高。",
  "到达略有延迟，但现场表现不错。",
  "物资数量与清单一致，交接清楚。",
  "Arrived on time and worked well with the command post.",
];
