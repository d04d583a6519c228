import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { canApproveOrg, incidentScope, isAdmin } from "@/server/modules/incidents/access";

/**
 * The incident, if the caller may see it (else NOT_FOUND — ids of other organisations' incidents are not
 * confirmed). With `forWrite`, only the owning organisation's dispatchers/owners (or an admin) may go on.
 */
export async function loadIncidentForAssignment(db: Db, actor: Actor, incidentId: string, forWrite: boolean) {
  const incident = await db.incident.findFirst({
    where: { id: incidentId, ...incidentScope(actor) },
    select: { id: true, orgId: true, status: true, autoDispatch: true },
  });
  if (!incident) throw new AppError("NOT_FOUND", "This incident does not exist or is not yours to see.");
  if (forWrite && !(isAdmin(actor) && !actor.apiKey) && !canApproveOrg(actor, incident.orgId)) {
    throw new AppError("FORBIDDEN", "Only dispatchers and owners of the organisation running this incident can propose assignments.");
  }
  return incident;
}

/**
 * Organisations whose incidents the caller may propose assignments for — the same rule as above: platform
 * admins (signed in) every one (null); otherwise the verified government organisations where the caller
 * is a dispatcher or owner. API keys never dispatch (canApproveOrg).
 */
export function dispatchableOrgIds(actor: Actor): string[] | null {
  if (isAdmin(actor) && !actor.apiKey) return null;
  return actor.memberships.filter((m) => canApproveOrg(actor, m.orgId)).map((m) => m.orgId);
}
