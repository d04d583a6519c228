import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { parsePoint, type TBrowsePage, type TBrowseSearchInput, type TListingCard } from "@/lib/schemas/listing-browse";
import { BROWSE_FROM, buildBrowseWhere } from "@/server/modules/listings/browse-filter";

/**
 * Browse search. Without `near`: keyset pages by id. With `near`: nearest first through the GiST KNN
 * index (`muster_ll_to_earth(lat,lng) <-> muster_ll_to_earth($lat,$lng)`), paged by offset
 * (cursor "n:<offset>"), with the great-circle distance in metres on every card.
 */

export const DEFAULT_LIMIT = 20;

export type CardRow = {
  id: string;
  title: string;
  title_en: string | null;
  category: TListingCard["category"];
  type_id: string;
  type_code: string;
  type_name_zh: string;
  type_name_en: string;
  type_level: number;
  status: TListingCard["status"];
  total_quantity: number;
  committed_quantity: number;
  unit: string;
  lat: number;
  lng: number;
  region_code: string;
  region_name_zh: string;
  region_name_en: string;
  owner_org_id: string | null;
  owner_name: string | null;
  owner_name_en: string | null;
  org_verification: string | null;
  pricing_mode: TListingCard["pricingMode"];
  price_cents: number;
  currency: string;
  mobilization_minutes: number;
  distance_m: number | null;
};

/** Columns of CardRow (aliases r, t, o, u from BROWSE_FROM plus region g). */
export const CARD_COLUMNS = Prisma.sql`r.id, r.title, r.title_en, t.category::text AS category, t.id AS type_id,
  t.code AS type_code, t.name_zh AS type_name_zh, t.name_en AS type_name_en, t.type_level, r.status::text AS status,
  r.total_quantity, r.committed_quantity, r.unit, r.lat, r.lng, r.region_code, g.name_zh AS region_name_zh,
  g.name_en AS region_name_en, r.owner_org_id, COALESCE(o.name, u.name) AS owner_name, o.name_en AS owner_name_en,
  o.verification::text AS org_verification, r.pricing_mode::text AS pricing_mode, r.price_cents, r.currency,
  r.mobilization_minutes`;

export function toCard(row: CardRow): TListingCard {
  return {
    id: row.id,
    title: row.title,
    titleEn: row.title_en,
    category: row.category,
    type: { id: row.type_id, code: row.type_code, nameZh: row.type_name_zh, nameEn: row.type_name_en, typeLevel: row.type_level },
    status: row.status,
    quantityAvailable: Math.max(0, row.total_quantity - row.committed_quantity),
    unit: row.unit,
    lat: row.lat,
    lng: row.lng,
    region: { code: row.region_code, nameZh: row.region_name_zh, nameEn: row.region_name_en },
    owner: {
      kind: row.owner_org_id ? "ORG" : "INDIVIDUAL",
      orgId: row.owner_org_id,
      name: row.owner_name ?? "",
      nameEn: row.owner_name_en,
      verified: row.owner_org_id ? row.org_verification === "VERIFIED" : true,
    },
    pricingMode: row.pricing_mode,
    priceCents: row.price_cents,
    currency: row.currency,
    mobilizationMinutes: row.mobilization_minutes,
    distanceM: row.distance_m === null ? null : Math.round(row.distance_m),
  };
}

function parseOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^n:(\d{1,6})$/.exec(cursor);
  if (!m) throw new AppError("BAD_REQUEST", "Invalid cursor.", { cursor: ["errors.badCursor"] });
  return Number(m[1]);
}

export async function searchListings(db: Db, actor: Actor, input: TBrowseSearchInput, now = new Date()): Promise<TBrowsePage> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const where = buildBrowseWhere(actor, input, now);
  const near = input.near ? parsePoint(input.near) : null;

  let rows: CardRow[];
  let nextCursor: string | null = null;
  if (near) {
    const offset = parseOffset(input.cursor);
    const origin = Prisma.sql`muster_ll_to_earth(${near.lat}::float8, ${near.lng}::float8)`;
    rows = await db.$queryRaw<CardRow[]>`
      SELECT ${CARD_COLUMNS}, earth_distance(muster_ll_to_earth(r.lat, r.lng), ${origin}) AS distance_m
      FROM ${BROWSE_FROM} JOIN region g ON g.code = r.region_code
      WHERE ${where}
      ORDER BY muster_ll_to_earth(r.lat, r.lng) <-> ${origin}
      LIMIT ${limit + 1} OFFSET ${offset}`;
    if (rows.length > limit) nextCursor = `n:${offset + limit}`;
  } else {
    const after = input.cursor ? Prisma.sql`AND r.id > ${input.cursor}` : Prisma.empty;
    rows = await db.$queryRaw<CardRow[]>`
      SELECT ${CARD_COLUMNS}, NULL::float8 AS distance_m
      FROM ${BROWSE_FROM} JOIN region g ON g.code = r.region_code
      WHERE ${where} ${after}
      ORDER BY r.id
      LIMIT ${limit + 1}`;
    if (rows.length > limit) nextCursor = rows[limit - 1].id;
  }
  return { items: rows.slice(0, limit).map(toCard), nextCursor };
}
