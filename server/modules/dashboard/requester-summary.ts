import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TRequesterSummary } from "@/lib/schemas/dashboard";
import { findDashboardOrgs } from "@/server/modules/dashboard/dashboard-orgs";

const OPEN_NEED_STATUSES = ["OPEN", "PARTIALLY_FILLED"] as const;
/** Needs that count towards the fill rate: everything asked for and not withdrawn. */
const COUNTED_NEED_STATUSES = ["OPEN", "PARTIALLY_FILLED", "FILLED"] as const;
const RECENT_INCIDENTS = 5;

/** A requester sees their government organisations' incidents only. */
export function requesterOrgIds(actor: Actor): string[] {
  return actor.memberships.filter((m) => m.orgKind === "GOVERNMENT").map((m) => m.orgId);
}

export async function getRequesterSummary(db: Db, actor: Actor): Promise<TRequesterSummary> {
  const orgIds = requesterOrgIds(actor);
  const orgs = await findDashboardOrgs(db, orgIds);
  if (orgIds.length === 0) {
    return {
      orgs,
      activeIncidents: 0,
      openNeeds: 0,
      needsAwaitingApproval: 0,
      quantityNeeded: 0,
      quantityFilled: 0,
      fillRate: null,
      recentIncidents: [],
    };
  }
  const activeIncident = { orgId: { in: orgIds }, status: "ACTIVE" as const };
  const [activeIncidents, openNeeds, needsAwaitingApproval, sums, recent] = await Promise.all([
    db.incident.count({ where: activeIncident }),
    db.need.count({ where: { incident: activeIncident, status: { in: [...OPEN_NEED_STATUSES] } } }),
    db.need.count({
      where: { incident: { orgId: { in: orgIds }, status: { not: "CLOSED" } }, status: "PENDING_APPROVAL" },
    }),
    db.need.aggregate({
      where: { incident: activeIncident, status: { in: [...COUNTED_NEED_STATUSES] } },
      _sum: { quantity: true, qtyCommitted: true },
    }),
    db.incident.findMany({
      where: activeIncident,
      // Enum order: I (most severe) first, then the newest.
      orderBy: [{ severity: "asc" }, { startedAt: "desc" }],
      take: RECENT_INCIDENTS,
      select: {
        id: true,
        title: true,
        severity: true,
        startedAt: true,
        region: { select: { code: true, nameZh: true, nameEn: true } },
        _count: { select: { needs: { where: { status: { in: [...OPEN_NEED_STATUSES] } } } } },
      },
    }),
  ]);
  const quantityNeeded = sums._sum.quantity ?? 0;
  // Committed can briefly exceed the ask while a need is being re-sized; never report more than 100 %.
  const quantityFilled = Math.min(sums._sum.qtyCommitted ?? 0, quantityNeeded);
  return {
    orgs,
    activeIncidents,
    openNeeds,
    needsAwaitingApproval,
    quantityNeeded,
    quantityFilled,
    fillRate: quantityNeeded > 0 ? quantityFilled / quantityNeeded : null,
    recentIncidents: recent.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      startedAt: i.startedAt,
      region: i.region,
      openNeeds: i._count.needs,
    })),
  };
}
