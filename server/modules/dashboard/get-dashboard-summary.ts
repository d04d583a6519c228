import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { DASHBOARD_ROLES, type TDashboardRole, type TDashboardSummary } from "@/lib/schemas/dashboard";
import { getAdminSummary } from "@/server/modules/dashboard/admin-summary";
import { getKnightSummary } from "@/server/modules/dashboard/knight-summary";
import { getRequesterSummary } from "@/server/modules/dashboard/requester-summary";
import { getExpertSummary, getSupplierSummary } from "@/server/modules/dashboard/supplier-summary";

/** The panels a person sees, in display order (DASHBOARD_ROLES order), from the roles they hold. */
export function dashboardRoles(roles: readonly string[]): TDashboardRole[] {
  return DASHBOARD_ROLES.filter((r) => roles.includes(r));
}

/** One summary per role the caller holds; every query inside is scoped to the caller. */
export async function getDashboardSummary(db: Db, actor: Actor, now = new Date()): Promise<TDashboardSummary> {
  const roles = dashboardRoles(actor.roles);
  const has = (r: TDashboardRole) => roles.includes(r);
  const [viewer, admin, requester, supplier, expert, knight] = await Promise.all([
    db.user.findUnique({ where: { id: actor.userId }, select: { name: true, email: true } }),
    has("ADMIN") ? getAdminSummary(db) : null,
    has("REQUESTER") ? getRequesterSummary(db, actor) : null,
    has("SUPPLIER") ? getSupplierSummary(db, actor, now) : null,
    has("EXPERT") ? getExpertSummary(db, actor, now) : null,
    has("KNIGHT") ? getKnightSummary(db, actor, now) : null,
  ]);
  return {
    viewer: { name: viewer?.name ?? null, email: viewer?.email ?? null },
    roles,
    admin,
    requester,
    supplier,
    expert,
    knight,
  };
}
