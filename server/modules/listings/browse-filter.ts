import { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { parseBbox, type TBbox, type TBrowseFilters } from "@/lib/schemas/listing-browse";
import { availableNowSql } from "@/server/modules/listings/browse-availability";
import { visibleSql } from "@/server/modules/listings/browse-visibility";

/**
 * Browse filters → one SQL WHERE condition on aliases r (resource), t (resource_type),
 * o (organization, LEFT JOIN) and u (owner user, LEFT JOIN). Every value is a bound parameter.
 */

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle metres (haversine) — used for the bbox covering circle and in tests. */
export function haversineM(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Centre and radius of a circle that contains the whole box (for the GiST earth_box pre-filter). */
export function bboxCircle(b: TBbox): { lat: number; lng: number; radiusM: number } {
  const lat = (b.minLat + b.maxLat) / 2;
  const lng = (b.minLng + b.maxLng) / 2;
  const corners: Array<[number, number]> = [
    [b.minLat, b.minLng],
    [b.minLat, b.maxLng],
    [b.maxLat, b.minLng],
    [b.maxLat, b.maxLng],
  ];
  const radiusM = Math.max(...corners.map(([la, ln]) => haversineM(lat, lng, la, ln)));
  return { lat, lng, radiusM: Math.ceil(radiusM * 1.01) + 1 };
}

/** The index-friendly box condition: GiST earth_box pre-filter, then the exact degree bounds. */
export function bboxSql(b: TBbox): Prisma.Sql {
  const c = bboxCircle(b);
  return Prisma.sql`(earth_box(muster_ll_to_earth(${c.lat}::float8, ${c.lng}::float8), ${c.radiusM}::float8) @> muster_ll_to_earth(r.lat, r.lng)
    AND r.lat BETWEEN ${b.minLat}::float8 AND ${b.maxLat}::float8 AND r.lng BETWEEN ${b.minLng}::float8 AND ${b.maxLng}::float8)`;
}

/** The region itself, its children and grandchildren (province → city → district). */
export function regionSql(code: string): Prisma.Sql {
  return Prisma.sql`r.region_code IN (SELECT g.code FROM region g WHERE g.code = ${code} OR g.parent_code = ${code}
    OR g.parent_code IN (SELECT c.code FROM region c WHERE c.parent_code = ${code}))`;
}

/** Escape LIKE wildcards so a user's "%" or "_" matches literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export function buildBrowseWhere(actor: Actor, f: TBrowseFilters, now: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [visibleSql(actor, f.verifiedOnly ?? true)];
  if (f.category) parts.push(Prisma.sql`t.category = ${f.category}::resource_category`);
  if (f.typeId) parts.push(Prisma.sql`r.type_id = ${f.typeId}`);
  if (f.typeCode) parts.push(Prisma.sql`t.code = ${f.typeCode}`);
  if (f.regionCode) parts.push(regionSql(f.regionCode));
  if (f.availableNow) parts.push(availableNowSql(now));
  if (f.pricingMode) parts.push(Prisma.sql`r.pricing_mode = ${f.pricingMode}::pricing_mode`);
  if (f.q) {
    const p = likePattern(f.q);
    parts.push(Prisma.sql`(r.title ILIKE ${p} OR r.title_en ILIKE ${p})`);
  }
  const box = f.bbox ? parseBbox(f.bbox) : null;
  if (box) parts.push(bboxSql(box));
  return Prisma.join(parts, " AND ");
}

/** FROM clause every browse query shares (aliases used by buildBrowseWhere). */
export const BROWSE_FROM = Prisma.sql`resource r
  JOIN resource_type t ON t.id = r.type_id
  LEFT JOIN organization o ON o.id = r.owner_org_id
  LEFT JOIN users u ON u.id = r.owner_user_id`;
