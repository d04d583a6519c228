import type { Prisma } from "@/server/generated/prisma/client";
import { BUCKET_OF_STAGE, fillStatus, filledTotal, type Buckets } from "@/server/modules/needs/need-state";
import type { NeedRow } from "./incidents";
import type { ResourceRow } from "./resources";

/**
 * Need buckets and divisible stock commitments derived FROM the seeded assignments, with the rules the
 * app moves them by (server/modules/needs/quantities.ts, offers/answer-offer.ts, offers/report-progress.ts,
 * knights/advance-knight-task.ts): the buckets are disjoint — an accepted (or mobilised) unit is committed,
 * then en route, then on scene, then released (completed or released) — and "filled" is their sum. A
 * divisible listing (unitIndex null) holds committed_quantity from accept until completion.
 */
type AssignmentLike = Pick<Prisma.AssignmentCreateManyInput, "needId" | "resourceId" | "unitIndex" | "quantity" | "status">;


/** Statuses during which a divisible listing's units are held (accept … on scene). */
export const HOLDING_STATUSES = new Set(["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"]);

export function bucketsOf(assignments: AssignmentLike[]): Map<string, Buckets> {
  const out = new Map<string, Buckets>();
  for (const a of assignments) {
    const bucket = BUCKET_OF_STAGE[a.status as string];
    if (!bucket) continue; // proposed, offered, declined, expired, cancelled: nothing filled
    const b = out.get(a.needId) ?? { committed: 0, enRoute: 0, onScene: 0, released: 0 };
    b[bucket] += a.quantity ?? 1;
    out.set(a.needId, b);
  }
  return out;
}

/**
 * Writes each need's buckets from its assignments. A need in a fill status (OPEN / PARTIALLY_FILLED /
 * FILLED) gets the status its quantities give, as the app recomputes it on every move; a closed need
 * that fell short keeps (or gets) an unmet reason, which the app requires to close it unfilled.
 */
export function settleNeedQuantities(needs: NeedRow[], assignments: AssignmentLike[]): void {
  const buckets = bucketsOf(assignments);
  for (const need of needs) {
    const b = buckets.get(need.id) ?? { committed: 0, enRoute: 0, onScene: 0, released: 0 };
    const filled = filledTotal(b);
    if (filled > need.quantity) throw new Error(`Seed need "${need.title}": ${filled} filled of ${need.quantity}`);
    Object.assign(need, { qtyCommitted: b.committed, qtyEnRoute: b.enRoute, qtyOnScene: b.onScene, qtyReleased: b.released });
    if (need.status === "OPEN" || need.status === "PARTIALLY_FILLED" || need.status === "FILLED") need.status = fillStatus(need.quantity, b);
    if (need.status === "CLOSED" && filled < need.quantity && !need.unmetReason) need.unmetReason = "NO_SUPPLIER_IN_RANGE";
  }
}

/** resource.committed_quantity of divisible stock = what its live assignments hold; unit listings hold none. */
export function settleResourceCommitments(resources: ResourceRow[], assignments: AssignmentLike[]): void {
  const held = new Map<string, number>();
  for (const a of assignments) {
    if (!a.resourceId || a.unitIndex !== null || !HOLDING_STATUSES.has(a.status as string)) continue;
    held.set(a.resourceId, (held.get(a.resourceId) ?? 0) + (a.quantity ?? 1));
  }
  for (const r of resources) {
    const n = held.get(r.id) ?? 0;
    if (n > (r.totalQuantity ?? 0)) throw new Error(`Seed listing ${r.id}: ${n} committed of ${r.totalQuantity}`);
    r.committedQuantity = n;
  }
}
