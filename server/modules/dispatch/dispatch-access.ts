import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { assertCanWrite, canWriteOrg, incidentScope, isAdmin } from "@/server/modules/incidents/access";

/**
 * Who dispatches a knight task: platform admins, and members of the verified government organisation that
 * runs the incident (the requester side). An API key never dispatches knights. Outside the caller's scope
 * the task is NOT_FOUND, so other organisations' ids are not confirmed.
 */
export function assertDispatcherOf(actor: Actor, orgId: string): void {
  if (actor.apiKey) throw new AppError("FORBIDDEN", "Knight dispatch is not available to API keys.");
  if (isAdmin(actor)) return;
  assertCanWrite(actor, orgId);
}

/** assertDispatcherOf as a yes/no, for reads that answer "not found" rather than "forbidden" (task photos). */
export function isDispatcherOf(actor: Actor, orgId: string): boolean {
  if (actor.apiKey) return false;
  return isAdmin(actor) || canWriteOrg(actor, orgId);
}

/** A knight-task need visible to the caller, checked for dispatcher rights. */
export async function loadNeedForDispatcher(db: Db, actor: Actor, needId: string): Promise<{ id: string; incidentId: string; orgId: string }> {
  const need = await db.need.findFirst({
    where: { id: needId, incident: incidentScope(actor) },
    select: { id: true, category: true, incidentId: true, incident: { select: { orgId: true } } },
  });
  if (!need) throw new AppError("NOT_FOUND", "This task does not exist or is not yours to see.");
  if (need.category !== "KNIGHT") throw new AppError("BAD_REQUEST", "Only knight tasks are dispatched to knights.");
  assertDispatcherOf(actor, need.incident.orgId);
  return { id: need.id, incidentId: need.incidentId, orgId: need.incident.orgId };
}

/** The caller's own knight profile id (knight.self), or NOT_FOUND. */
export async function ownKnightId(db: Db, actor: Actor): Promise<string> {
  const k = await db.knightProfile.findUnique({ where: { userId: actor.userId }, select: { id: true } });
  if (!k || actor.apiKey) throw new AppError("NOT_FOUND", "You do not have a knight profile.");
  return k.id;
}
