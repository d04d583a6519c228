import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { canWriteOrg, incidentScope } from "@/server/modules/incidents/access";
import { commandRegionsFor } from "@/server/modules/command/command-access";

export type AarIncident = { id: string; orgId: string; regionCode: string };
const HEAD = { id: true, orgId: true, regionCode: true } as const;

/**
 * Who reads an incident's after-action report: the members of its organisations (the leading government
 * organisation and those listed on the incident), admins, and command-centre users of its region (the
 * replay's rule, plus the listed organisations). Anyone else: NOT_FOUND, so ids are not confirmed —
 * the same answer the incident page gives.
 */
export async function loadAarIncident(db: Db, actor: Actor, incidentId: string): Promise<AarIncident> {
  const own = await db.incident.findFirst({ where: { id: incidentId, ...incidentScope(actor) }, select: HEAD });
  if (own) return own;
  const other = await db.incident.findUnique({ where: { id: incidentId }, select: { ...HEAD, organizations: { select: { orgId: true } } } });
  if (other) {
    const mine = new Set(actor.memberships.filter((m) => !actor.apiKey || m.orgId === actor.apiKey.orgId).map((m) => m.orgId));
    if (other.organizations.some((o) => mine.has(o.orgId))) return { id: other.id, orgId: other.orgId, regionCode: other.regionCode };
    const codes = await commandRegionsFor(db, actor);
    if (codes === null || codes.includes(other.regionCode)) return { id: other.id, orgId: other.orgId, regionCode: other.regionCode };
  }
  throw new AppError("NOT_FOUND", "This incident does not exist or is not yours to see.");
}

/** The improvement plan is kept by the incident's (leading) organisation; everyone else reads it. */
export function canEditImprovementPlan(actor: Actor, incident: AarIncident): boolean {
  return canWriteOrg(actor, incident.orgId);
}

export function assertCanEditImprovementPlan(actor: Actor, incident: AarIncident): void {
  if (!canEditImprovementPlan(actor, incident)) {
    throw new AppError("FORBIDDEN", "Only members of the organisation running this incident can change its improvement plan.");
  }
}
