import type { Prisma } from "@/server/generated/prisma/client";
import type { KnightTaskKind, KnightTaskStage } from "@/server/generated/prisma/enums";
import { distanceBand } from "@/server/modules/dispatch/distance-band";
import { DISPATCH_CONFIG } from "@/server/modules/dispatch/dispatch-config";
import { stagePath, statusForStage } from "@/server/modules/knights/knight-task-stages";
import { STAGE_TIME_FIELD } from "@/lib/schemas/knight-tasks";
import type { IncidentBuild } from "./incidents";
import { MINUTE, type Rng } from "./random";

/**
 * Knight tasks as the app runs them (dispatch/settle-accepts.ts, knights/advance-knight-task.ts): each
 * seeded knight assignment gets the accepted Offer that won its place (one slot each, answered within its
 * wave) and walks its kind's stage path up to where its status says it is, with a timestamp per stage.
 * A finished task ends COMPLETED (the app never releases a knight task). Mutates the assignments; returns
 * the offers to insert and the steps the history writes (history.ts).
 */

type AssignmentRow = Prisma.AssignmentCreateManyInput & { id: string };

export interface KnightTaskSteps {
  assignment: AssignmentRow;
  offerId: string;
  slotIndex: number;
  sentAt: Date;
  expiresAt: Date;
  distanceBand: string;
  /** Stages walked after ACCEPTED, with their times (ACCEPTED itself at assignment.acceptedAt). */
  steps: { stage: KnightTaskStage; at: Date }[];
}

export interface KnightTaskPrep {
  offers: Prisma.OfferCreateManyInput[];
  tasks: KnightTaskSteps[];
}

const STATUS_RANK: Record<string, number> = { ACCEPTED: 0, MOBILIZED: 0, EN_ROUTE: 1, ON_SCENE: 2, COMPLETED: 3, RELEASED: 3 };
const STAGE_RANK: Record<string, number> = { ACCEPTED: 0, EN_ROUTE: 1, ON_SCENE: 2, COMPLETED: 3 };

/** The furthest stage of `kind`'s path whose status does not go beyond the seeded `status`. */
export function stageFor(kind: KnightTaskKind, status: string): KnightTaskStage {
  const rank = STATUS_RANK[status] ?? 0;
  const reachable = stagePath(kind).filter((s) => STAGE_RANK[statusForStage(s)]! <= rank);
  return reachable[reachable.length - 1]!;
}

const t = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : null);

export function prepareKnightTasks(rng: Rng, incidents: IncidentBuild): KnightTaskPrep {
  const out: KnightTaskPrep = { offers: [], tasks: [] };
  const needById = new Map(incidents.needs.map((n) => [n.id, n]));
  const slotsUsed = new Map<string, number>();
  for (const a of incidents.assignments as AssignmentRow[]) {
    if (!a.knightId) continue;
    const need = needById.get(a.needId)!;
    const kind = (need.taskKind ?? "DELIVERY") as KnightTaskKind;
    const target = stageFor(kind, a.status as string);
    const acceptedAt = t(a.acceptedAt)!;
    const sentAt = new Date(acceptedAt - rng.int(10, 50) * 1000); // answered within the wave (waveTimeoutSeconds)
    const path = stagePath(kind);
    const times: Partial<Record<KnightTaskStage, number>> = { ACCEPTED: acceptedAt };
    let prev = acceptedAt;
    for (const stage of path.slice(1, path.indexOf(target) + 1)) {
      const anchor =
        stage === "AT_PICKUP" ? t(a.enRouteAt)
        : stage === "AT_DROPOFF" ? t(a.onSceneAt)
        : stage === "COMPLETED" ? t(a.completedAt)
        : null;
      const at = Math.max(anchor ?? prev + rng.int(2, 6) * MINUTE, prev + 30_000);
      times[stage] = at;
      prev = at;
    }
    const steps = path.slice(1, path.indexOf(target) + 1).map((stage) => ({ stage, at: new Date(times[stage]!) }));
    const first = (status: string) => steps.find((s) => statusForStage(s.stage) === status)?.at ?? null;
    const stageTimes = Object.fromEntries(
      (["AT_PICKUP", "PICKED_UP", "AT_DROPOFF", "DELIVERED"] as const).map((s) => [STAGE_TIME_FIELD[s], times[s] ? new Date(times[s]!) : null]),
    );
    Object.assign(a, {
      status: statusForStage(target),
      taskStage: target,
      offeredAt: sentAt,
      holdExpiresAt: null,
      respondedAt: new Date(acceptedAt),
      mobilizedAt: null, // a knight task has no mobilisation step
      enRouteAt: first("EN_ROUTE"),
      onSceneAt: first("ON_SCENE"),
      completedAt: first("COMPLETED"),
      releasedAt: null,
      ...stageTimes,
      lastCheckInAt: new Date(prev),
      createdAt: new Date(acceptedAt),
      updatedAt: new Date(prev),
    });
    const slotIndex = slotsUsed.get(a.needId) ?? 0;
    slotsUsed.set(a.needId, slotIndex + 1);
    const km = (a.scoreBreakdown as { distanceKm?: number } | null)?.distanceKm ?? 0;
    const offerId = rng.id();
    const band = distanceBand(km * 1000);
    const expiresAt = new Date(sentAt.getTime() + DISPATCH_CONFIG.waveTimeoutSeconds * 1000);
    out.offers.push({
      id: offerId, needId: a.needId, knightId: a.knightId, slotIndex, wave: 1, distanceBand: band, status: "ACCEPTED",
      sentAt, expiresAt, respondedAt: new Date(acceptedAt), createdAt: sentAt, updatedAt: new Date(acceptedAt),
    });
    out.tasks.push({ assignment: a, offerId, slotIndex, sentAt, expiresAt, distanceBand: band, steps });
  }
  return out;
}
