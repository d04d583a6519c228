import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { parseBbox, type TClustersInput, type TClustersResult } from "@/lib/schemas/listing-browse";
import { BROWSE_FROM, buildBrowseWhere } from "@/server/modules/listings/browse-filter";

/**
 * Map clusters by SQL grid aggregation: the filtered listings inside the bbox (GiST earth_box
 * pre-filter) grouped by `floor(lat / cell), floor(lng / cell)`, where a cell is about CELL_PX
 * screen pixels at the map's zoom. The database returns at most MAX_CLUSTERS groups however many
 * listings there are, so the payload and the browser's work stay small at 1M listings.
 */

export const CELL_PX = 64;
export const MAX_CLUSTERS = 1500;

/** Degrees of longitude spanned by CELL_PX pixels at `zoom` (256-px Web-Mercator tiles). */
export function cellDegForZoom(zoom: number): number {
  const z = Math.max(0, Math.min(22, Math.round(zoom)));
  return (360 * CELL_PX) / (256 * 2 ** z);
}

/** The grid cell of a point — the same arithmetic as the SQL GROUP BY. */
export function gridCell(lat: number, lng: number, cellDeg: number): [number, number] {
  return [Math.floor(lat / cellDeg), Math.floor(lng / cellDeg)];
}

type ClusterRow = {
  n: number;
  lat: number;
  lng: number;
  min_lat: number;
  min_lng: number;
  max_lat: number;
  max_lng: number;
  id: string | null;
  title: string | null;
  title_en: string | null;
  total: bigint | number;
};

export async function clusterListings(db: Db, actor: Actor, input: TClustersInput, now = new Date()): Promise<TClustersResult> {
  const cell = cellDegForZoom(input.zoom);
  const box = parseBbox(input.bbox);
  if (!box) return { clusters: [], total: 0, cellDeg: cell };
  const where = buildBrowseWhere(actor, input, now);
  const rows = await db.$queryRaw<ClusterRow[]>`
    SELECT count(*)::int AS n, avg(r.lat) AS lat, avg(r.lng) AS lng,
      min(r.lat) AS min_lat, min(r.lng) AS min_lng, max(r.lat) AS max_lat, max(r.lng) AS max_lng,
      CASE WHEN count(*) = 1 THEN min(r.id) END AS id,
      CASE WHEN count(*) = 1 THEN min(r.title) END AS title,
      CASE WHEN count(*) = 1 THEN min(r.title_en) END AS title_en,
      sum(count(*)) OVER () AS total
    FROM ${BROWSE_FROM}
    WHERE ${where}
    GROUP BY floor(r.lat / ${cell}::float8), floor(r.lng / ${cell}::float8)
    ORDER BY n DESC
    LIMIT ${Prisma.raw(String(MAX_CLUSTERS))}`;
  return {
    clusters: rows.map((r) => ({
      count: r.n,
      lat: r.lat,
      lng: r.lng,
      bounds: [r.min_lat, r.min_lng, r.max_lat, r.max_lng] as [number, number, number, number],
      listing: r.id && r.title !== null ? { id: r.id, title: r.title, titleEn: r.title_en } : null,
    })),
    total: rows.length ? Number(rows[0].total) : 0,
    cellDeg: cell,
  };
}
