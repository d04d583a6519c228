import type { PolygonLike } from "@/lib/geo/map-crs";
import type { TCommandNeed, TFillBand, TMapPhase } from "@/lib/schemas/command-map";

/** Pure helpers for the command map (colours, link paths, rings), kept out of the Leaflet component so they are testable. */

export const SEVERITY_COLOUR: Record<"I" | "II" | "III" | "IV", string> = { I: "#b91c1c", II: "#ea580c", III: "#ca8a04", IV: "#2563eb" };
export const BAND_COLOUR: Record<TFillBand, string> = { UNFILLED: "#dc2626", PARTIAL: "#f59e0b", FILLED: "#16a34a" };
export const PHASE_COLOUR: Record<TMapPhase, string> = { COMMITTED: "#64748b", EN_ROUTE: "#2563eb", ON_SCENE: "#16a34a" };

const BAND_RANK: Record<TFillBand, number> = { UNFILLED: 0, PARTIAL: 1, FILLED: 2 };

/** The band a staging point is drawn in: its least-filled need's (what still needs doing shows first). */
export function worstBand(needs: Pick<TCommandNeed, "band">[]): TFillBand {
  return needs.reduce<TFillBand>((w, n) => (BAND_RANK[n.band] < BAND_RANK[w] ? n.band : w), "FILLED");
}

export const commandPaths = {
  region: (code: string) => `/command/${code}`,
  incident: (id: string) => `/incidents/${id}`,
  need: (incidentId: string, needId: string) => `/incidents/${incidentId}#need-${needId}`,
  resource: (id: string) => `/listings/${id}`,
  org: (id: string) => `/organizations/${id}`,
};

/** GeoJSON (Multi)Polygon → polygons of rings of {lat, lng} (each polygon: outer ring, then holes). */
export function polygonsOf(g: PolygonLike): { lat: number; lng: number }[][][] {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  return polys.map((rings) => rings.map((ring) => ring.map(([lng, lat]) => ({ lat: lat!, lng: lng! }))));
}
