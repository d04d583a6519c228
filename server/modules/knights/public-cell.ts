/**
 * Coarse public cells (~500 m squares) for knight positions: the only position anyone but the knight
 * and the dispatchers of their live task may see. Rows are 0.0045° of latitude (≈ 500 m); each row's
 * longitude step is 0.0045° / cos(row centre latitude), so cells stay ≈ 500 m wide at any latitude and
 * every point in a row uses the same step (one cell id per point, no seams inside a row).
 */
export const CELL_LAT_DEG = 0.0045;

/** Approximate cell edge in metres (0.0045° of latitude on the WGS84 mean sphere). */
export const CELL_SIZE_M = (CELL_LAT_DEG * Math.PI * 6371008.8) / 180;

function lngStep(row: number): number {
  const centreLat = (row + 0.5) * CELL_LAT_DEG;
  // Near the poles the step would explode; clamp so ids stay finite (irrelevant for Jiangsu).
  return CELL_LAT_DEG / Math.max(0.01, Math.cos((centreLat * Math.PI) / 180));
}

/** Cell id "c:<row>:<col>" of a position. */
export function publicCellOf(lat: number, lng: number): string {
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw new RangeError("publicCellOf needs finite coordinates");
  const row = Math.floor(lat / CELL_LAT_DEG);
  const col = Math.floor(lng / lngStep(row));
  return `c:${row}:${col}`;
}

const CELL_ID = /^c:(-?\d+):(-?\d+)$/;

/** Centre of a cell (what a map may draw for a knight seen by others); throws on a malformed id. */
export function cellCenter(cell: string): { lat: number; lng: number } {
  const m = CELL_ID.exec(cell);
  if (!m) throw new RangeError(`Not a public cell id: ${cell}`);
  const row = Number(m[1]);
  const col = Number(m[2]);
  return { lat: round6((row + 0.5) * CELL_LAT_DEG), lng: round6((col + 0.5) * lngStep(row)) };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
