import { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";

/**
 * Who sees what in browse. Others' listings are offered only when they are AVAILABLE or
 * OUT_OF_SERVICE and owned by a VERIFIED organisation or an individual expert (a person with an
 * expert profile whose account is active). DRAFT / RETIRED and unverified organisations' listings
 * never reach another organisation.
 */

export const PUBLIC_STATUSES = ["AVAILABLE", "OUT_OF_SERVICE"] as const;

/** Contact data (phones, e-mails) only for platform admins and members of verified government orgs. */
export function canSeeContact(actor: Actor): boolean {
  if (actor.roles.includes("ADMIN")) return true;
  return actor.memberships.some((m) => m.orgKind === "GOVERNMENT" && m.verification === "VERIFIED");
}

/** Organisations the caller belongs to (an API key: its own organisation). */
export function ownOrgIds(actor: Actor): string[] {
  return actor.apiKey ? [actor.apiKey.orgId] : actor.memberships.map((m) => m.orgId);
}

/** SQL on aliases r (resource), o (organization, LEFT JOIN), u (owner user, LEFT JOIN). */
export function visibleSql(actor: Actor, verifiedOnly: boolean): Prisma.Sql {
  const offered = Prisma.sql`(o.verification = 'VERIFIED'
    OR (r.owner_org_id IS NULL AND u.disabled_at IS NULL
        AND EXISTS (SELECT 1 FROM expert_profile ep WHERE ep.user_id = r.owner_user_id)))`;
  const status = Prisma.sql`r.status IN ('AVAILABLE', 'OUT_OF_SERVICE')`;
  if (verifiedOnly) return Prisma.sql`(${status} AND ${offered})`;
  const orgs = ownOrgIds(actor);
  const byOrg = orgs.length ? Prisma.sql`r.owner_org_id IN (${Prisma.join(orgs)})` : Prisma.sql`FALSE`;
  // An API key acts for its organisation only, never for the person who created it.
  const own = actor.apiKey ? byOrg : Prisma.sql`(${byOrg} OR r.owner_user_id = ${actor.userId})`;
  return Prisma.sql`(${status} AND (${offered} OR ${own}))`;
}
