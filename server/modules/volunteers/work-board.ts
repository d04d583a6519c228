import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import type { TBoardNeed, TWorkBoard, TWorkBoardInput } from "@/lib/schemas/volunteers";
import { ZWorkBoardInput } from "@/lib/schemas/volunteers";
import { compatibleTypeRule } from "@/server/modules/matching/compatible-types";
import { parseCapabilities } from "@/server/modules/needs/need-dto";
import { BOARD_NEED_SQL, ownListingSql } from "@/server/modules/volunteers/supplier-scope";

type Row = {
  id: string; incident_id: string; incident_title: string; title: string; category: string; type_code: string | null;
  type_name_zh: string | null; type_name_en: string | null; required_capabilities: Prisma.JsonValue; quantity: number; open: number;
  unit: string; needed_by: Date; duration_minutes: number; priority: string; payment_mode: string; region_code: string;
  region_name_zh: string; region_name_en: string; listings: { id: string; title: string; titleEn: string | null; distanceKm: number }[];
  volunteered: { id: string; resourceId: string }[] | null;
};

/** Text matching is the search engine's job; the board takes the need ids it found (or none → no filter). */
export type TextFilter = (q: string) => Promise<string[]>;

const PRIORITY_ORDER = Prisma.sql`CASE n.priority WHEN 'LIFE_SAFETY' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END`;

/**
 * The supplier's work board: open needs (supplier-scope.ts) that at least one of the caller's AVAILABLE
 * listings could serve — a compatible type (compatible-types.ts) within both the need's radius and the
 * listing's own travel range — with the distance from the nearest such listing. Life-safety first, then the
 * soonest needed, then the nearest. Final eligibility (capabilities, availability, credentials, free units)
 * is checked when the supplier offers to help, by the matcher's own candidate query.
 */
export async function listWorkBoard(db: Db, actor: Actor, raw: TWorkBoardInput, textFilter?: TextFilter): Promise<TWorkBoard> {
  const input = ZWorkBoardInput.parse(raw);
  const own = ownListingSql(actor);
  const [{ n: listingCount }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM resource r WHERE r.status = 'AVAILABLE' AND ${own}`;
  if (listingCount === 0) return { needs: [], listingCount };
  const filters: Prisma.Sql[] = [];
  if (input.typeCode) filters.push(Prisma.sql`t.code = ${input.typeCode}`);
  if (input.region) {
    // a province (xx0000) or city (xxxx00) code covers the regions under it
    const prefix = input.region.replace(/(00)+$/, "");
    filters.push(Prisma.sql`i.region_code LIKE ${`${prefix}%`}`);
  }
  if (input.neededBefore) filters.push(Prisma.sql`n.needed_by <= ${input.neededBefore}`);
  if (input.q && textFilter) filters.push(Prisma.sql`n.id = ANY(${await textFilter(input.q)}::text[])`);
  const extra = filters.length ? Prisma.sql`AND ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  const maxKm = input.maxDistanceKm ?? null;
  const rule = compatibleTypeRule({ typeId: "n.type_id", category: "n.category::text", kind: "t.kind", level: "t.type_level" });
  const rows = await db.$queryRaw<Row[]>`
SELECT n.id, n.incident_id, i.title AS incident_title, n.title, n.category::text AS category, t.code AS type_code,
       t.name_zh AS type_name_zh, t.name_en AS type_name_en, n.required_capabilities, n.quantity,
       n.quantity - (n.qty_committed + n.qty_en_route + n.qty_on_scene + n.qty_released) AS open, n.unit, n.needed_by,
       n.duration_minutes, n.priority::text AS priority, n.payment_mode::text AS payment_mode, i.region_code,
       rg.name_zh AS region_name_zh, rg.name_en AS region_name_en, mine.listings,
       (SELECT json_agg(json_build_object('id', v.id, 'resourceId', v.resource_id)) FROM volunteer v
         JOIN resource r ON r.id = v.resource_id
        WHERE v.need_id = n.id AND v.withdrawn_at IS NULL AND ${own}) AS volunteered
FROM need n
JOIN incident i ON i.id = n.incident_id
JOIN region rg ON rg.code = i.region_code
LEFT JOIN resource_type t ON t.id = n.type_id
CROSS JOIN LATERAL (
  SELECT json_agg(json_build_object('id', s.id, 'title', s.title, 'titleEn', s.title_en, 'distanceKm', round(s.km::numeric, 1)) ORDER BY s.km, s.id) AS listings,
         min(s.km) AS km
  FROM (
    SELECT r.id, r.title, r.title_en,
           earth_distance(muster_ll_to_earth(r.lat, r.lng), muster_ll_to_earth(n.staging_lat, n.staging_lng)) / 1000.0 AS km, r.max_travel_km
    FROM resource r JOIN resource_type c ON c.id = r.type_id
    WHERE r.status = 'AVAILABLE' AND ${own} AND ${Prisma.raw(rule)}
    ORDER BY 4, r.id
  ) s
  WHERE s.km <= LEAST(n.max_distance_km, s.max_travel_km) AND (${maxKm}::float8 IS NULL OR s.km <= ${maxKm}::float8)
) mine
WHERE ${BOARD_NEED_SQL} ${extra} AND mine.km IS NOT NULL
ORDER BY ${PRIORITY_ORDER}, n.needed_by, mine.km, n.id
LIMIT ${input.limit}`;
  return { needs: rows.map(toBoardNeed), listingCount };
}

function toBoardNeed(r: Row): TBoardNeed {
  const listings = r.listings.slice(0, 10).map((l) => ({ ...l, distanceKm: Number(l.distanceKm) }));
  return {
    id: r.id,
    incidentId: r.incident_id,
    incidentTitle: r.incident_title,
    title: r.title,
    category: r.category,
    typeCode: r.type_code,
    typeNameZh: r.type_name_zh,
    typeNameEn: r.type_name_en,
    requiredCapabilities: parseCapabilities(r.required_capabilities),
    quantity: r.quantity,
    quantityOpen: r.open,
    unit: r.unit,
    neededBy: r.needed_by,
    durationMinutes: r.duration_minutes,
    priority: r.priority,
    paymentMode: r.payment_mode,
    regionCode: r.region_code,
    regionNameZh: r.region_name_zh,
    regionNameEn: r.region_name_en,
    distanceKm: listings[0]?.distanceKm ?? 0,
    listings,
    volunteered: r.volunteered ?? [],
  };
}
