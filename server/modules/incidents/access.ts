import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor, ActorMembership } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";

/**
 * Who may see and change incidents (and their needs). Reads: members of the owning government
 * organisation and platform admins; an API key acts for its own organisation only. Writes: members of
 * the owning organisation when it is a VERIFIED government organisation. Anything outside the caller's
 * scope is NOT_FOUND, so ids of other organisations' incidents are not confirmed.
 */

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes("ADMIN");
}

function governmentMemberships(actor: Actor): ActorMembership[] {
  const ms = actor.memberships.filter((m) => m.orgKind === "GOVERNMENT");
  return actor.apiKey ? ms.filter((m) => m.orgId === actor.apiKey?.orgId) : ms;
}

/** Organisation ids whose incidents the caller may read (null = every organisation, for admins). */
export function readableOrgIds(actor: Actor): string[] | null {
  if (isAdmin(actor) && !actor.apiKey) return null;
  return governmentMemberships(actor).map((m) => m.orgId);
}

/** Prisma `where` that limits incidents to the caller's scope. */
export function incidentScope(actor: Actor): Prisma.IncidentWhereInput {
  const ids = readableOrgIds(actor);
  return ids === null ? {} : { orgId: { in: ids } };
}

export function membershipIn(actor: Actor, orgId: string): ActorMembership | undefined {
  return governmentMemberships(actor).find((m) => m.orgId === orgId);
}

export function canWriteOrg(actor: Actor, orgId: string): boolean {
  const m = membershipIn(actor, orgId);
  return !!m && m.verification === "VERIFIED";
}

/** Dispatchers and owners approve needs; a key acts with the least role, so it never approves. */
export function canApproveOrg(actor: Actor, orgId: string): boolean {
  const m = membershipIn(actor, orgId);
  return !!m && m.verification === "VERIFIED" && !actor.apiKey && (m.orgRole === "OWNER" || m.orgRole === "DISPATCHER");
}

/** Throws unless the caller may change the incidents of `orgId` (the incident is already known visible). */
export function assertCanWrite(actor: Actor, orgId: string): void {
  const m = membershipIn(actor, orgId);
  if (!m) throw new AppError("FORBIDDEN", "Only members of the organisation running this incident can change it.");
  if (m.verification !== "VERIFIED") throw new AppError("FORBIDDEN", "Your organisation is awaiting verification.");
}

/** The government organisation a new incident belongs to. */
export function resolveCreatingOrg(actor: Actor, requested?: string): string {
  const gov = governmentMemberships(actor);
  if (gov.length === 0) {
    throw new AppError("FORBIDDEN", "Only members of a verified government organisation can create incidents.");
  }
  const candidates = requested ? gov.filter((m) => m.orgId === requested) : gov;
  if (requested && candidates.length === 0) {
    throw new AppError("FORBIDDEN", "You are not a member of that organisation.", { orgId: ["You are not a member of that organisation."] });
  }
  const verified = candidates.filter((m) => m.verification === "VERIFIED");
  if (verified.length === 0) throw new AppError("FORBIDDEN", "Your organisation is awaiting verification.");
  if (verified.length > 1) {
    throw new AppError("BAD_REQUEST", "Choose the organisation that runs this incident.", { orgId: ["Choose an organisation."] });
  }
  return verified[0]!.orgId;
}
