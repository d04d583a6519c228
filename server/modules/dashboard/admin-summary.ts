import type { Db } from "@/server/db";
import type { TAdminSummary } from "@/lib/schemas/dashboard";

/** Platform-wide totals (admins only — the procedure checks the permission before calling this). */
export async function getAdminSummary(db: Db): Promise<TAdminSummary> {
  const [
    pendingOrganizations,
    organizations,
    verifiedOrganizations,
    resources,
    availableResources,
    knights,
    knightsOnDuty,
    activeIncidents,
  ] = await Promise.all([
    db.organization.count({ where: { verification: "PENDING" } }),
    db.organization.count(),
    db.organization.count({ where: { verification: "VERIFIED" } }),
    db.resource.count({ where: { status: { not: "RETIRED" } } }),
    db.resource.count({ where: { status: "AVAILABLE" } }),
    db.knightProfile.count(),
    db.knightProfile.count({ where: { onDuty: true, status: "ACTIVE" } }),
    db.incident.count({ where: { status: "ACTIVE" } }),
  ]);
  return {
    pendingOrganizations,
    organizations,
    verifiedOrganizations,
    resources,
    availableResources,
    knights,
    knightsOnDuty,
    activeIncidents,
  };
}
