import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TExpertSummary, TSupplierSummary } from "@/lib/schemas/dashboard";
import { findDashboardOrgs } from "@/server/modules/dashboard/dashboard-orgs";
import { countListingsByStatus, countResourceAssignments } from "@/server/modules/dashboard/listing-counts";

/** A supplier acts for its non-government organisations (enterprises, rescue teams, social forces, research). */
export function supplierOrgIds(actor: Actor): string[] {
  return actor.memberships.filter((m) => m.orgKind !== "GOVERNMENT").map((m) => m.orgId);
}

export async function getSupplierSummary(db: Db, actor: Actor, now = new Date()): Promise<TSupplierSummary> {
  const orgIds = supplierOrgIds(actor);
  // An empty `in` matches nothing, which is exactly right for a supplier without an organisation.
  const owned = { ownerOrgId: { in: orgIds } };
  const [orgs, listings, assignments] = await Promise.all([
    findDashboardOrgs(db, orgIds),
    countListingsByStatus(db, owned),
    countResourceAssignments(db, owned, now),
  ]);
  return { orgs, listings, ...assignments };
}

/** An expert's own listings (owned by the person, whatever organisation they also belong to). */
export async function getExpertSummary(db: Db, actor: Actor, now = new Date()): Promise<TExpertSummary> {
  const owned = { ownerUserId: actor.userId };
  const [listings, assignments] = await Promise.all([
    countListingsByStatus(db, owned),
    countResourceAssignments(db, owned, now),
  ]);
  return { listings, ...assignments };
}
