import { AppError } from "@/server/errors";
import type { TNeedStatus, TUnmetReason } from "@/lib/schemas/needs";

/**
 * Need lifecycle. Manual moves (need.setStatus / need.approve):
 *   DRAFT → PENDING_APPROVAL | OPEN | CANCELLED
 *   PENDING_APPROVAL → OPEN (approve) | DRAFT (send back) | CANCELLED
 *   OPEN | PARTIALLY_FILLED | FILLED → CLOSED | CANCELLED
 * Automatic moves among OPEN ⇄ PARTIALLY_FILLED ⇄ FILLED follow the quantities (fillStatus) and are never
 * requested by hand. CLOSED and CANCELLED are final.
 */
export const NEED_MANUAL_TRANSITIONS: Record<TNeedStatus, readonly TNeedStatus[]> = {
  DRAFT: ["PENDING_APPROVAL", "OPEN", "CANCELLED"],
  PENDING_APPROVAL: ["OPEN", "DRAFT", "CANCELLED"],
  OPEN: ["CLOSED", "CANCELLED"],
  PARTIALLY_FILLED: ["CLOSED", "CANCELLED"],
  FILLED: ["CLOSED", "CANCELLED"],
  CLOSED: [],
  CANCELLED: [],
};

export const LIVE_FILL_STATUSES = ["OPEN", "PARTIALLY_FILLED", "FILLED"] as const;
export const EDITABLE_NEED_STATUSES = ["DRAFT", "PENDING_APPROVAL", "OPEN"] as const;
export const FINAL_NEED_STATUSES = ["CLOSED", "CANCELLED"] as const;

export function isFinalNeedStatus(s: TNeedStatus): boolean {
  return (FINAL_NEED_STATUSES as readonly string[]).includes(s);
}

export function canTransitionNeed(from: TNeedStatus, to: TNeedStatus): boolean {
  return NEED_MANUAL_TRANSITIONS[from].includes(to);
}

export type Buckets = { committed: number; enRoute: number; onScene: number; released: number };

/** The bucket a unit fills at each assignment stage (quantities.ts moves it committed → en route → on scene → released). */
export const BUCKET_OF_STAGE: Partial<Record<string, keyof Buckets>> = {
  ACCEPTED: "committed",
  MOBILIZED: "committed",
  EN_ROUTE: "enRoute",
  ON_SCENE: "onScene",
  COMPLETED: "released",
  RELEASED: "released",
};

/** Units accepted so far, whatever their stage. */
export function filledTotal(b: Buckets): number {
  return b.committed + b.enRoute + b.onScene + b.released;
}

/** The automatic status of a live need from its quantities. */
export function fillStatus(quantity: number, b: Buckets): "OPEN" | "PARTIALLY_FILLED" | "FILLED" {
  const filled = filledTotal(b);
  if (filled >= quantity) return "FILLED";
  return filled > 0 ? "PARTIALLY_FILLED" : "OPEN";
}

export function fillPct(quantity: number, b: Buckets): number {
  if (quantity <= 0) return 0;
  return Math.min(100, Math.round((100 * filledTotal(b)) / quantity));
}

export type CloseCheck = { to: TNeedStatus; unmetReason?: TUnmetReason; unmetNote?: string };

/**
 * Validates a manual move and returns the unmet reason to record. Closing a need that is not filled
 * requires a reason (OTHER also a note), so unmet demand is data; cancelling a published, unfilled need
 * records CANCELLED_BY_REQUESTER unless another reason is given.
 */
export function checkNeedTransition(
  from: TNeedStatus,
  input: CloseCheck,
): { unmetReason: TUnmetReason | null; unmetNote: string | null } {
  const { to } = input;
  if (from === to) throw new AppError("CONFLICT", `The need is already ${to}.`);
  if (isFinalNeedStatus(from)) throw new AppError("CONFLICT", `This need is ${from}; it cannot change any more.`);
  if (to === "PARTIALLY_FILLED" || to === "FILLED" || (to === "OPEN" && (LIVE_FILL_STATUSES as readonly string[]).includes(from))) {
    throw new AppError("BAD_REQUEST", `${to} follows from the committed quantities; it cannot be set by hand.`, { status: ["Set automatically."] });
  }
  if (!canTransitionNeed(from, to)) {
    throw new AppError("BAD_REQUEST", `A need cannot go from ${from} to ${to}.`, { status: [`Not allowed from ${from}.`] });
  }
  const unfilledLive = from === "OPEN" || from === "PARTIALLY_FILLED";
  if (to === "CLOSED" && unfilledLive && !input.unmetReason) {
    throw new AppError("BAD_REQUEST", "Closing a need that is not filled requires a reason.", { unmetReason: ["Choose why this need was not met."] });
  }
  if (input.unmetReason === "OTHER" && !input.unmetNote) {
    throw new AppError("BAD_REQUEST", "Describe the reason when choosing “other”.", { unmetNote: ["Describe the reason."] });
  }
  if (to === "CLOSED" && unfilledLive) return { unmetReason: input.unmetReason!, unmetNote: input.unmetNote ?? null };
  if (to === "CANCELLED" && unfilledLive) {
    return { unmetReason: input.unmetReason ?? "CANCELLED_BY_REQUESTER", unmetNote: input.unmetNote ?? null };
  }
  return { unmetReason: null, unmetNote: null };
}
