import type { Db } from "@/server/db";
import type { TDashboardOrg } from "@/lib/schemas/dashboard";

/** The caller's organisations (ids come from the actor's memberships, so this is scoped by construction). */
export async function findDashboardOrgs(db: Db, orgIds: string[]): Promise<TDashboardOrg[]> {
  if (orgIds.length === 0) return [];
  return db.organization.findMany({
    where: { id: { in: orgIds } },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, nameEn: true, kind: true, verification: true, rejectionReason: true },
  });
}
