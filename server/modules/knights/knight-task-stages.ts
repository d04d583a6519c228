import type { AssignmentStatus, KnightTaskKind, KnightTaskStage } from "@/server/generated/prisma/enums";

/**
 * The knight task lifecycle as a pure state machine. Deliveries go
 * ACCEPTED → AT_PICKUP → PICKED_UP → AT_DROPOFF → DELIVERED → COMPLETED; errands and recon have nothing
 * to pick up, so they go ACCEPTED → AT_DROPOFF (= at the site) → DELIVERED → COMPLETED. Only one step
 * forward at a time. The knight moves up to DELIVERED; COMPLETED is the dispatcher's confirmation (or a
 * matching delivery code, decided by the caller).
 */

const PATHS: Record<KnightTaskKind, readonly KnightTaskStage[]> = {
  DELIVERY: ["ACCEPTED", "AT_PICKUP", "PICKED_UP", "AT_DROPOFF", "DELIVERED", "COMPLETED"],
  ERRAND: ["ACCEPTED", "AT_DROPOFF", "DELIVERED", "COMPLETED"],
  RECON: ["ACCEPTED", "AT_DROPOFF", "DELIVERED", "COMPLETED"],
};

export function stagePath(kind: KnightTaskKind): readonly KnightTaskStage[] {
  return PATHS[kind];
}

/** The one stage after `from`, or null at the end (or for a stage not on this kind's path). */
export function nextStage(kind: KnightTaskKind, from: KnightTaskStage): KnightTaskStage | null {
  const path = PATHS[kind];
  const i = path.indexOf(from);
  return i < 0 || i === path.length - 1 ? null : path[i + 1]!;
}

export type StageCheck =
  | { ok: true }
  | { ok: false; error: "stageNotNext" | "reportRequired" | "completeByDispatcher" };

/**
 * May the knight move a task of `kind` from `from` to `to`? RECON must carry a report at DELIVERED: a text,
 * photos of the site (`photoCount` already uploaded), or both — "go and report photos/text from a point".
 * COMPLETED is never the knight's own step (see file comment).
 */
export function checkKnightStep(kind: KnightTaskKind, from: KnightTaskStage, to: KnightTaskStage, note?: string | null, photoCount = 0): StageCheck {
  if (nextStage(kind, from) !== to) return { ok: false, error: "stageNotNext" };
  if (to === "COMPLETED") return { ok: false, error: "completeByDispatcher" };
  if (to === "DELIVERED" && kind === "RECON" && !note?.trim() && photoCount === 0) return { ok: false, error: "reportRequired" };
  return { ok: true };
}

/** The stages the knight may move to now (what the app offers as buttons). */
export function knightNextStages(kind: KnightTaskKind, from: KnightTaskStage): KnightTaskStage[] {
  const next = nextStage(kind, from);
  return next && next !== "COMPLETED" ? [next] : [];
}

/**
 * The Assignment.status that goes with a stage, keeping the resource lifecycle in step:
 * heading to the pickup/carrying = EN_ROUTE, at the drop-off or delivered = ON_SCENE, COMPLETED = COMPLETED.
 */
export function statusForStage(stage: KnightTaskStage): AssignmentStatus {
  switch (stage) {
    case "ACCEPTED":
      return "ACCEPTED";
    case "AT_PICKUP":
    case "PICKED_UP":
      return "EN_ROUTE";
    case "AT_DROPOFF":
    case "DELIVERED":
      return "ON_SCENE";
    case "COMPLETED":
      return "COMPLETED";
  }
}

