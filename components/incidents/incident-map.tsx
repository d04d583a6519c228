"use client";

import dynamic from "next/dynamic";
import type { LatLng } from "@/components/incidents/area-geojson";

export type MapPoint = LatLng & { id: string; label?: string };

export type IncidentMapProps = {
  /** The incident's own location (orange). */
  location?: LatLng | null;
  /** Saved affected-area rings (shaded). */
  areas?: LatLng[][];
  /** Hazard zones knights must avoid (purple). */
  hazards?: LatLng[][];
  /** Corners of an area being drawn (dashed). */
  draft?: LatLng[];
  /** Staging points (blue). */
  points?: MapPoint[];
  onMapClick?: (v: LatLng) => void;
  /** Tile URL template: env.MAP_TILE_URL, passed down from a server component. */
  tileUrl: string;
  tileAttribution?: string;
  height?: number;
  testId?: string;
  label?: string;
};

const Inner = dynamic(() => import("./incident-map-inner"), {
  ssr: false,
  loading: () => <div className="h-full w-full animate-pulse bg-slate-100" />,
});

/**
 * A client-only Leaflet map of an incident: location, affected area, staging points. With `onMapClick`
 * a click reports the point. What is shown is mirrored in data attributes for tests and assistive tech.
 */
export function IncidentMap(props: IncidentMapProps) {
  const height = props.height ?? 320;
  return (
    <div
      role="region"
      aria-label={props.label}
      data-testid={props.testId ?? "incident-map"}
      data-lat={props.location?.lat}
      data-lng={props.location?.lng}
      data-points={props.points?.length ?? 0}
      data-area-corners={props.draft?.length ?? props.areas?.reduce((n, r) => n + r.length, 0) ?? 0}
      data-hazards={props.hazards?.length ?? 0}
      className="relative z-0 overflow-hidden rounded-lg border border-slate-200"
      style={{ height }}
    >
      <Inner {...props} height={height} />
    </div>
  );
}
