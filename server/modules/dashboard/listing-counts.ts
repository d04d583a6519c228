import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { TListingCounts } from "@/lib/schemas/dashboard";

/** Assignment states in which a unit is committed to a need (an offer has been accepted, not yet done). */
export const LIVE_ASSIGNMENT_STATUSES = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"] as const;

/** Listings matching `where` (already scoped to the caller), counted per status. */
export async function countListingsByStatus(db: Db, where: Prisma.ResourceWhereInput): Promise<TListingCounts> {
  const groups = await db.resource.groupBy({ by: ["status"], where, _count: { _all: true } });
  const counts: TListingCounts = { AVAILABLE: 0, DRAFT: 0, OUT_OF_SERVICE: 0, RETIRED: 0, total: 0 };
  for (const g of groups) {
    counts[g.status] = g._count._all;
    counts.total += g._count._all;
  }
  return counts;
}

/**
 * Offers waiting for this owner's answer, and call-outs in progress, for resources matching `resource`.
 * An offer whose hold has expired is no longer answerable, so it is not counted even before the
 * expiry job has flipped its status.
 */
export async function countResourceAssignments(db: Db, resource: Prisma.ResourceWhereInput, now: Date) {
  const [pendingOffers, activeAssignments] = await Promise.all([
    db.assignment.count({
      where: {
        status: "OFFERED",
        resource,
        OR: [{ holdExpiresAt: null }, { holdExpiresAt: { gt: now } }],
      },
    }),
    db.assignment.count({ where: { status: { in: [...LIVE_ASSIGNMENT_STATUSES] }, resource } }),
  ]);
  return { pendingOffers, activeAssignments };
}
