import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";

/**
 * Who may change a listing: members (any org role) of the owning organisation — including that
 * organisation's API keys — or the individual (expert) who owns it. Everything here is a `where`
 * clause, so a listing outside the caller's reach is simply not found.
 */

/** Supplier-side organisations the caller belongs to (government orgs post needs, they do not list). */
export function supplierOrgIds(actor: Actor): string[] {
  if (actor.apiKey) return [actor.apiKey.orgId];
  return actor.memberships.filter((m) => m.orgKind !== "GOVERNMENT").map((m) => m.orgId);
}

/** Listings the caller may change. */
export function writableWhere(actor: Actor): Prisma.ResourceWhereInput {
  const orgIds = supplierOrgIds(actor);
  const or: Prisma.ResourceWhereInput[] = [];
  if (orgIds.length) or.push({ ownerOrgId: { in: orgIds } });
  // An API key acts for its organisation only, never as the person who created it.
  if (!actor.apiKey) or.push({ ownerUserId: actor.userId, ownerOrgId: null });
  return or.length ? { OR: or } : { id: { in: [] } };
}

export type ListingOwner = { ownerOrgId: string; ownerUserId: null; orgVerification: "PENDING" | "VERIFIED" | "REJECTED" } | { ownerOrgId: null; ownerUserId: string; orgVerification: null };

/**
 * The owner of a new listing: the API key's organisation; the organisation named by `orgId` (the caller
 * must be a member); the caller's only supplier organisation; or, for an expert without one, themself.
 */
export function resolveOwner(actor: Actor, orgId: string | undefined): ListingOwner {
  const memberships = actor.apiKey
    ? actor.memberships.filter((m) => m.orgId === actor.apiKey?.orgId)
    : actor.memberships.filter((m) => m.orgKind !== "GOVERNMENT");
  if (orgId) {
    const m = memberships.find((x) => x.orgId === orgId);
    if (!m) throw new AppError("FORBIDDEN", "You can only list resources for an organisation you belong to.", { orgId: ["You are not a member of this organisation."] });
    return { ownerOrgId: m.orgId, ownerUserId: null, orgVerification: m.verification };
  }
  if (memberships.length === 1) {
    return { ownerOrgId: memberships[0].orgId, ownerUserId: null, orgVerification: memberships[0].verification };
  }
  if (memberships.length > 1) {
    throw new AppError("BAD_REQUEST", "You belong to several organisations: choose which one owns this listing.", { orgId: ["Choose an organisation."] });
  }
  if (!actor.apiKey && actor.roles.includes("EXPERT")) return { ownerOrgId: null, ownerUserId: actor.userId, orgVerification: null };
  throw new AppError("FORBIDDEN", "Only members of a supplier organisation, or experts, can list resources.");
}

/** An unverified organisation may draft listings but not offer them. */
export function assertMayPublish(status: string, orgVerification: ListingOwner["orgVerification"]) {
  if (status === "AVAILABLE" && orgVerification !== null && orgVerification !== "VERIFIED") {
    const message = "Your organisation is not verified yet: save the listing as a draft; you can make it available once an administrator has verified the organisation.";
    throw new AppError("PRECONDITION_FAILED", message, { status: [message] });
  }
}

/** Loads the owner of a listing the caller may change; FORBIDDEN for anything else (missing or someone else's: the same answer). */
export async function findWritableListing(db: Db, actor: Actor, id: string) {
  const row = await db.resource.findFirst({
    where: { AND: [{ id }, writableWhere(actor)] },
    select: { id: true, version: true, status: true, ownerOrgId: true, ownerUserId: true, ownerOrg: { select: { verification: true } } },
  });
  if (!row) throw new AppError("FORBIDDEN", "You cannot change this listing.");
  return row;
}
