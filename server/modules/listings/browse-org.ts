import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TOrgPublic } from "@/lib/schemas/listing-browse";
import { canSeeContact, ownOrgIds } from "@/server/modules/listings/browse-visibility";
import { CARD_COLUMNS, toCard, type CardRow } from "@/server/modules/listings/browse-search";
import { BROWSE_FROM } from "@/server/modules/listings/browse-filter";

/**
 * An organisation's public page: profile and its AVAILABLE listings. Only VERIFIED organisations
 * have one (their own members and platform admins also see theirs before verification, without
 * listings that are not offered). Contacts follow the same rule as listing detail.
 */

export const ORG_LISTING_LIMIT = 100;

export async function getOrgPublic(db: Db, actor: Actor, orgId: string): Promise<TOrgPublic> {
  const org = await db.organization.findUnique({
    where: { id: orgId },
    select: {
      id: true,
      name: true,
      nameEn: true,
      kind: true,
      verification: true,
      description: true,
      address: true,
      contactName: true,
      contactPhone: true,
      contactEmail: true,
      region: { select: { code: true, nameZh: true, nameEn: true } },
    },
  });
  const insider = actor.roles.includes("ADMIN") || ownOrgIds(actor).includes(orgId);
  if (!org || (org.verification !== "VERIFIED" && !insider)) throw new AppError("NOT_FOUND", "Organisation not found.");

  const listed = org.verification === "VERIFIED";
  const [rows, count] = listed
    ? await Promise.all([
        db.$queryRaw<CardRow[]>`
          SELECT ${CARD_COLUMNS}, NULL::float8 AS distance_m
          FROM ${BROWSE_FROM} JOIN region g ON g.code = r.region_code
          WHERE r.owner_org_id = ${orgId} AND r.status = 'AVAILABLE'
          ORDER BY t.category, r.title, r.id
          LIMIT ${ORG_LISTING_LIMIT}`,
        db.resource.count({ where: { ownerOrgId: orgId, status: "AVAILABLE" } }),
      ])
    : [[], 0];

  return {
    id: org.id,
    name: org.name,
    nameEn: org.nameEn,
    kind: org.kind,
    verification: org.verification,
    description: org.description,
    region: org.region,
    contact: canSeeContact(actor)
      ? { name: org.contactName, phone: org.contactPhone, email: org.contactEmail, address: org.address }
      : null,
    listings: rows.map(toCard),
    listingTotal: count,
  };
}
