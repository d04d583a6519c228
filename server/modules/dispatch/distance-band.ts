/**
 * What a knight (or a requester) is told about a distance: a coarse band, never the exact figure, so
 * offers cannot be used to triangulate where a rider is.
 */
export const DISTANCE_BANDS = ["<1 km", "1–3 km", "3–5 km", "5–10 km", ">10 km"] as const;
export type DistanceBand = (typeof DISTANCE_BANDS)[number];

export function distanceBand(metres: number): DistanceBand {
  if (!Number.isFinite(metres) || metres < 0) throw new RangeError("distance must be a finite, non-negative number of metres");
  if (metres < 1000) return "<1 km";
  if (metres < 3000) return "1–3 km";
  if (metres < 5000) return "3–5 km";
  if (metres < 10_000) return "5–10 km";
  return ">10 km";
}
