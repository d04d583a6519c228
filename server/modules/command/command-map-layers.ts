import type { Db } from "@/server/db";
import type { TAvailabilityCell, TCommandRegion, THazardAlert, TKnightCount, TResourceCategory } from "@/lib/schemas/command-map";
import type { PolygonLike } from "@/lib/geo/map-crs";
import { childBoundaries, regionGeometries } from "@/lib/geo/region-boundaries";
import { pointInGeometry, type PolygonGeometry } from "@/server/modules/dispatch/point-in-polygon";
import { cellCenter } from "@/server/modules/knights/public-cell";
import { liveTopics } from "@/server/modules/live/live-topics";

/** Availability grid per region level: coarse for the province, finer for a city, street-scale for a district. */
export const CELL_DEG = { PROVINCE: 0.1, CITY: 0.02, DISTRICT: 0.005 } as const;

/** Fewer than this many knights in an area are shown as "<3", never as a number. */
export const KNIGHT_MIN_SHOWN = 3;

/** How long a city's or the province's availability aggregate is reused (a district's is always fresh). */
export const AVAILABILITY_TTL_MS = 30_000;
const availabilityCache = new Map<string, { at: number; cells: Promise<TAvailabilityCell[]> }>();

/**
 * Availability for the map: a district's is aggregated on every call; a city's or the province's (read from the
 * trigger-kept cell counts) is read at most once per AVAILABILITY_TTL_MS per server and shared by every viewer
 * and every live refresh in between — listings change slowly, and the counts are an overview. Concurrent
 * callers share one query.
 */
export function loadAvailabilityCached(db: Db, level: "PROVINCE" | "CITY" | "DISTRICT", regionCodes: string[], cellDeg: number, now = Date.now()): Promise<TAvailabilityCell[]> {
  if (level === "DISTRICT") return loadAvailability(db, regionCodes, cellDeg);
  const key = `${cellDeg}|${[...regionCodes].sort().join(",")}`;
  const hit = availabilityCache.get(key);
  if (hit && now - hit.at < AVAILABILITY_TTL_MS) return hit.cells;
  const cells = loadAvailability(db, regionCodes, cellDeg);
  availabilityCache.set(key, { at: now, cells });
  cells.catch(() => availabilityCache.delete(key));
  return cells;
}

/** The grids the triggers keep (migration 20261206210000_resource_availability_cells), in thousandths of a degree. */
const SUMMARY_MDEG: Record<number, number> = { [CELL_DEG.PROVINCE]: 100, [CELL_DEG.CITY]: 20, [CELL_DEG.DISTRICT]: 5 };

type CellRow = { gy: number; gx: number; category: TResourceCategory; n: number; lat: number; lng: number };

/**
 * Available resources of the region's subtree per grid cell and category, so the page receives a few hundred
 * cells whatever the number of listings (1M on the bench seed). At the map's three grids the counts come from
 * resource_availability_cell, which triggers keep per region and cell (a few thousand rows for Jiangsu instead
 * of a scan of every listing); any other cell size is aggregated from the listings themselves.
 */
export async function loadAvailability(db: Db, regionCodes: string[], cellDeg: number): Promise<TAvailabilityCell[]> {
  const mdeg = SUMMARY_MDEG[cellDeg];
  const rows =
    mdeg !== undefined
      ? await db.$queryRaw<CellRow[]>`
    SELECT gy, gx, category::text AS category, sum(n)::int AS n, (sum(sum_lat) / sum(n))::float8 AS lat, (sum(sum_lng) / sum(n))::float8 AS lng
      FROM resource_availability_cell
     WHERE cell_mdeg = ${mdeg} AND region_code = ANY(${regionCodes}::varchar[]) AND n > 0
     GROUP BY 1, 2, 3`
      : await db.$queryRaw<CellRow[]>`
    SELECT floor(r.lat / ${cellDeg})::int AS gy, floor(r.lng / ${cellDeg})::int AS gx, t.category::text AS category,
           count(*)::int AS n, avg(r.lat)::float8 AS lat, avg(r.lng)::float8 AS lng
      FROM resource r JOIN resource_type t ON t.id = r.type_id
     WHERE r.status = 'AVAILABLE' AND r.region_code = ANY(${regionCodes}::varchar[])
     GROUP BY 1, 2, 3`;
  const cells = new Map<string, TAvailabilityCell & { wLat: number; wLng: number }>();
  for (const r of rows) {
    const key = `${r.gy}:${r.gx}`;
    const c = cells.get(key) ?? { lat: 0, lng: 0, total: 0, byCategory: {}, wLat: 0, wLng: 0 };
    c.total += r.n;
    c.wLat += r.lat * r.n;
    c.wLng += r.lng * r.n;
    c.byCategory[r.category] = (c.byCategory[r.category] ?? 0) + r.n;
    cells.set(key, c);
  }
  // Cell centre of mass, rounded to ~100 m: an aggregate of several listings, never one listing's address.
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  return [...cells.values()].map(({ wLat, wLng, total, byCategory }) => ({ lat: r3(wLat / total), lng: r3(wLng / total), total, byCategory }));
}

function inside(lat: number, lng: number, geoms: PolygonLike[]): boolean {
  return geoms.some((g) => pointInGeometry(lat, lng, g as PolygonGeometry));
}

function shown(key: string, regionCode: string | null, at: { lat: number; lng: number }, count: number): TKnightCount {
  return count < KNIGHT_MIN_SHOWN
    ? { key, regionCode, lat: at.lat, lng: at.lng, count: null, display: "<3" }
    : { key, regionCode, lat: at.lat, lng: at.lng, count, display: String(count) };
}

/**
 * On-duty knights of the region, from their public cells only (their exact positions are never read here):
 * a province or Nanjing is counted per city/district (drawn at the area's public centre), anything else per
 * public cell. Knights outside the region's shipped outline are left out; without an outline, the region's
 * centre ± 0.3° stands in for it.
 */
export async function loadKnightCounts(db: Db, region: TCommandRegion & { lat: number; lng: number }, children: (TCommandRegion & { lat: number; lng: number })[]): Promise<TKnightCount[]> {
  const rows = await onDutyKnightCells(db);
  const placeOf = cellPlacer(region);
  const cells: { cell: string; n: number; at: { lat: number; lng: number }; area: string | null }[] = [];
  for (const r of rows) {
    const p = placeOf(r.cell);
    if (p) cells.push({ cell: r.cell, n: r.n, ...p });
  }
  const areas = childBoundaries(region.code);
  if (areas.length === 0) return cells.map((c) => shown(c.cell, null, c.at, c.n)).sort((a, b) => a.key.localeCompare(b.key));
  const centre = new Map(children.map((c) => [c.code, { lat: c.lat, lng: c.lng }]));
  const totals = new Map<string, number>();
  for (const c of cells) if (c.area) totals.set(c.area, (totals.get(c.area) ?? 0) + c.n);
  return areas
    .filter((f) => totals.has(f.properties.code) && centre.has(f.properties.code))
    .map((f) => shown(f.properties.code, f.properties.code, centre.get(f.properties.code)!, totals.get(f.properties.code)!));
}

/** On-duty knights per public cell: all the map (and the watcher of its counts) ever reads of where knights are. */
export function onDutyKnightCells(db: Db): Promise<{ cell: string; n: number }[]> {
  return db.$queryRaw<{ cell: string; n: number }[]>`
    SELECT public_cell AS cell, count(*)::int AS n FROM knight_profile
     WHERE on_duty AND status = 'ACTIVE' AND public_cell IS NOT NULL GROUP BY public_cell`;
}

type Placement = { at: { lat: number; lng: number }; area: string | null } | null;
/** Where each public cell falls, per region: the outline and area tests are the costly part of the counts. */
const placements = new Map<string, Placement>();
const MAX_PLACEMENTS = 200_000;

/**
 * A public cell's centre, whether it lies in the region (its shipped outline, else the centre ± 0.3°) and
 * which child area it falls in. Cells and outlines never change while the server runs, so each answer is
 * remembered: a province's ~4,000 on-duty cells cost thousands of point-in-polygon tests on every refresh
 * otherwise (most of the map's time for Jiangsu on the bench seed). Null: not placeable or outside.
 */
export function cellPlacer(region: TCommandRegion & { lat: number; lng: number }): (cell: string) => Placement {
  const own = regionGeometries(region.code);
  const areas = childBoundaries(region.code);
  const within = own
    ? (lat: number, lng: number) => inside(lat, lng, own)
    : (lat: number, lng: number) => Math.abs(lat - region.lat) <= 0.3 && Math.abs(lng - region.lng) <= 0.3;
  // The fallback box depends on the region's centre, which the database holds: it is part of the key.
  const prefix = `${region.code}|${own ? "" : `${region.lat},${region.lng}`}|${areas.length}|`;
  return (cell) => {
    const key = prefix + cell;
    const known = placements.get(key);
    if (known !== undefined) return known;
    let p: Placement = null;
    try {
      const at = cellCenter(cell);
      if (within(at.lat, at.lng)) p = { at, area: areas.find((f) => pointInGeometry(at.lat, at.lng, f.geometry as PolygonGeometry))?.properties.code ?? null };
    } catch {
      p = null; // a malformed legacy cell id: not placeable, so not shown
    }
    if (placements.size >= MAX_PLACEMENTS) placements.clear();
    placements.set(key, p);
    return p;
  };
}

/** Hazard alerts of the last 24 hours on the region's live topic, newest first (counts only). */
export async function loadRecentAlerts(db: Db, regionCode: string): Promise<THazardAlert[]> {
  const rows = await db.liveEvent.findMany({
    where: { topic: liveTopics.region(regionCode), kind: "hazard.alert", createdAt: { gte: new Date(Date.now() - 24 * 3_600_000) } },
    orderBy: { id: "desc" },
    take: 20,
    select: { id: true, data: true, createdAt: true },
  });
  return rows.map((r) => {
    const d = r.data as Record<string, unknown>;
    const num = (k: string) => (typeof d[k] === "number" ? (d[k] as number) : 0);
    return {
      id: String(r.id), at: r.createdAt.toISOString(), zoneId: String(d.zoneId ?? ""), zoneName: String(d.zoneName ?? ""),
      severity: String(d.severity ?? ""), incidentId: typeof d.incidentId === "string" ? d.incidentId : null,
      knightTasks: num("knightTasks"), stagingPoints: num("stagingPoints"), resources: num("resources"),
    };
  });
}
