import { z } from "zod";
import type { PolygonLike } from "@/lib/geo/map-crs";

/** A GB/T 2260 region code (6 digits). */
export const ZRegionCode = z.string().regex(/^\d{6}$/, "Invalid region code");

export const ZCommandMapInput = z.object({ regionCode: ZRegionCode });
export type TCommandMapInput = z.infer<typeof ZCommandMapInput>;

export const ZCommandRegionsInput = z.void();

export type TCommandRegion = { code: string; nameZh: string; nameEn: string; level: "PROVINCE" | "CITY" | "DISTRICT"; parentCode: string | null };

/** Fill band of a need: nothing committed yet, part, or all of it. */
export type TFillBand = "UNFILLED" | "PARTIAL" | "FILLED";
export type TMapPhase = "COMMITTED" | "EN_ROUTE" | "ON_SCENE";
export type TResourceCategory = "EXPERT" | "TEAM" | "EQUIPMENT" | "MATERIAL" | "SERVICE" | "KNIGHT";

export type TCommandIncident = {
  id: string; title: string; kind: string; severity: "I" | "II" | "III" | "IV"; status: string;
  lat: number; lng: number; area: PolygonLike | null; orgId: string; orgName: string; orgNameEn: string | null;
};
export type TCommandNeed = {
  id: string; incidentId: string; title: string; category: TResourceCategory; priority: "LIFE_SAFETY" | "URGENT" | "ROUTINE";
  status: string; quantity: number; filled: number; band: TFillBand; lat: number; lng: number;
};
export type TCommandStagingPoint = { key: string; lat: number; lng: number; address: string; incidentId: string; needIds: string[] };
/** A resource on its way to (or at) a need: a straight line from its base to the need's staging point. */
export type TCommandMovement = {
  assignmentId: string; needId: string; incidentId: string; phase: TMapPhase; quantity: number;
  resourceId: string; resourceTitle: string; resourceTitleEn: string | null; orgId: string | null; orgName: string | null; orgNameEn: string | null;
  from: { lat: number; lng: number }; to: { lat: number; lng: number };
};
/** Available resources aggregated per grid cell (in SQL), counts by category. */
export type TAvailabilityCell = { lat: number; lng: number; total: number; byCategory: Partial<Record<TResourceCategory, number>> };
/**
 * On-duty knights counted per district/city or per public cell, never a position: lat/lng is the area's
 * public centre. A count below 3 is withheld (`count` null, `display` "<3") so nobody can be singled out.
 */
export type TKnightCount = { key: string; regionCode: string | null; lat: number; lng: number; count: number | null; display: string };
export type TCommandHazardZone = { id: string; name: string; severity: "I" | "II" | "III" | "IV"; incidentId: string | null; polygon: PolygonLike; requiredTraining: string | null };
export type THazardAlert = {
  id: string; at: string; zoneId: string; zoneName: string; severity: string; incidentId: string | null;
  knightTasks: number; stagingPoints: number; resources: number;
};

export type TCommandMapDto = {
  region: TCommandRegion;
  children: TCommandRegion[];
  generatedAt: string;
  /** Grid size (degrees) the availability cells were aggregated at. */
  cellDeg: number;
  incidents: TCommandIncident[];
  needs: TCommandNeed[];
  stagingPoints: TCommandStagingPoint[];
  movements: TCommandMovement[];
  available: TAvailabilityCell[];
  knights: TKnightCount[];
  hazardZones: TCommandHazardZone[];
  alerts: THazardAlert[];
};
