import type { BadgeTone } from "@/components/ui/badge";
import type { TNeedPriority, TNeedStatus } from "@/lib/schemas/needs";

/** Pure view helpers for needs: fill bars, status tones and the actions a need offers. */

export type NeedStatus = TNeedStatus;
export type NeedPriority = TNeedPriority;

export const NEED_STATUS_TONE: Record<NeedStatus, BadgeTone> = {
  DRAFT: "neutral",
  PENDING_APPROVAL: "warning",
  OPEN: "brand",
  PARTIALLY_FILLED: "info",
  FILLED: "success",
  CLOSED: "neutral",
  CANCELLED: "neutral",
};

export const PRIORITY_TONE: Record<NeedPriority, BadgeTone> = { LIFE_SAFETY: "danger", URGENT: "warning", ROUTINE: "neutral" };

/**
 * The four tracked quantities are disjoint stages of the same units: committed (accepted, not moving yet),
 * en route, on scene, released (served). Together they are what is filled of the requested quantity.
 */
export type FillCounts = { quantity: number; committed: number; enRoute: number; onScene: number; released: number };
export type FillKey = "committed" | "enRoute" | "onScene" | "released";
export type FillSegment = { key: FillKey; value: number; pct: number };

const FILL_KEYS: FillKey[] = ["committed", "enRoute", "onScene", "released"];

/** Percentage of `value` in `total`, clamped to 0–100 and rounded to one decimal; 0 when nothing was requested. */
export function percentOf(value: number, total: number): number {
  if (!(total > 0) || !(value > 0)) return 0;
  return Math.min(100, Math.round((value / total) * 1000) / 10);
}

export function filledTotal(need: FillCounts): number {
  return need.committed + need.enRoute + need.onScene + need.released;
}

/**
 * Segments of one stacked bar, each as a share of the requested quantity. Over-filling never draws past
 * the end: a segment gets at most what the earlier ones left of 100%.
 */
export function fillSegments(need: FillCounts): FillSegment[] {
  let left = 100;
  return FILL_KEYS.map((key) => {
    const pct = Math.min(left, percentOf(need[key], need.quantity));
    left = Math.round((left - pct) * 10) / 10;
    return { key, value: need[key], pct };
  });
}

/** Share of the requested quantity that is filled (any stage), as a fraction 0–1 (for formatPercent). */
export function fillFraction(need: FillCounts): number {
  return percentOf(filledTotal(need), need.quantity) / 100;
}

export type NeedAction = "edit" | "approve" | "open" | "close" | "cancel";

/**
 * What a requester can do with a need in a given status (mirrors server/modules/needs/need-state.ts):
 * drafts and pending needs can be edited and cancelled (pending ones approved by a dispatcher, drafts
 * published); open needs can still be edited; any live need can be closed (an unfilled one with a
 * reason) or cancelled. Closed and cancelled needs are history.
 */
export function needActions(status: NeedStatus, opts: { canApprove?: boolean } = {}): NeedAction[] {
  switch (status) {
    case "DRAFT":
      return ["edit", "open", "cancel"];
    case "PENDING_APPROVAL":
      return opts.canApprove ? ["edit", "approve", "cancel"] : ["edit", "cancel"];
    case "OPEN":
      return ["edit", "close", "cancel"];
    case "PARTIALLY_FILLED":
    case "FILLED":
      return ["close", "cancel"];
    default:
      return [];
  }
}

/** Closing a live need that is not filled needs a reason code (unmet demand is data). */
export function closeNeedsReason(status: NeedStatus): boolean {
  return status === "OPEN" || status === "PARTIALLY_FILLED";
}
