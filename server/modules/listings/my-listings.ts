import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { escapeLike } from "@/server/modules/catalogue/resource-types";
import type { TListingDto, TMyListings, TMyListingsInput } from "@/lib/schemas/listings";
import { supplierOrgIds, writableWhere } from "@/server/modules/listings/listing-access";
import { listingSelect, toListingDto, toMyListingRow } from "@/server/modules/listings/listing-dto";

/** The owner's views of listings: "my listings" (paginated) and one listing for the edit form. */

/** A listing the caller may edit; platform admins may also view any (edits stay the owner's). Else NOT_FOUND. */
export async function getListingForEdit(db: Db, actor: Actor, id: string): Promise<TListingDto> {
  const where: Prisma.ResourceWhereInput = actor.roles.includes("ADMIN") ? { id } : { AND: [{ id }, writableWhere(actor)] };
  const row = await db.resource.findFirst({ where, select: listingSelect });
  if (!row) throw new AppError("NOT_FOUND", "This listing does not exist or is not yours.");
  return toListingDto(row);
}

export async function listMyListings(db: Db, actor: Actor, input: TMyListingsInput): Promise<TMyListings> {
  const and: Prisma.ResourceWhereInput[] = [writableWhere(actor)];
  if (input.status) and.push({ status: input.status });
  if (input.q) and.push({ title: { contains: escapeLike(input.q), mode: "insensitive" } });
  const where: Prisma.ResourceWhereInput = { AND: and };
  const [rows, total] = await Promise.all([
    db.resource.findMany({
      where,
      select: listingSelect,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.resource.count({ where }),
  ]);
  const now = new Date();
  return {
    items: rows.map((r) => toMyListingRow(toListingDto(r, now))),
    total,
    page: input.page,
    pageSize: input.pageSize,
    canImport: supplierOrgIds(actor).length > 0,
  };
}

/** The organisations the caller may list for (names for the form's owner choice). */
export async function listOwnerOrgs(db: Db, actor: Actor): Promise<{ id: string; name: string; nameEn: string | null; verified: boolean }[]> {
  const ids = supplierOrgIds(actor);
  if (ids.length === 0) return [];
  const rows = await db.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, nameEn: true, verification: true }, orderBy: { name: "asc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.nameEn, verified: r.verification === "VERIFIED" }));
}
