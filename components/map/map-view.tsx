"use client";

import dynamic from "next/dynamic";

export type MapMarker = {
  id: string;
  lat: number;
  lng: number;
  title?: string;
  subtitle?: string;
  href?: string;
  linkLabel?: string;
};

/** A group of points; a click zooms to `bounds` [south, west, north, east]. count 1 + marker → a plain marker. */
export type MapCluster = {
  lat: number;
  lng: number;
  count: number;
  bounds: [number, number, number, number];
  marker?: MapMarker;
};

export type MapBounds = {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
  zoom: number;
  center: { lat: number; lng: number };
};

export type MapViewProps = {
  /** Initial view (later changes are the person's: pan and zoom). */
  center: { lat: number; lng: number };
  zoom: number;
  markers?: MapMarker[];
  clusters?: MapCluster[];
  /** Called once the map is ready and after every pan/zoom. */
  onBoundsChange?: (b: MapBounds) => void;
  tileUrl: string;
  tileAttribution?: string;
  height?: number;
  testId?: string;
  /** Accessible label for a cluster of `count` points. */
  clusterLabel?: (count: number) => string;
  ariaLabel?: string;
};

const Inner = dynamic(() => import("./map-view-inner"), {
  ssr: false,
  loading: () => <div className="h-full w-full animate-pulse bg-slate-100" />,
});

/** Client-only Leaflet map with markers and clusters. Tiles come from `tileUrl` (env MAP_TILE_URL). */
export function MapView(props: MapViewProps) {
  const height = props.height ?? 420;
  return (
    <div
      data-testid={props.testId ?? "map-view"}
      role="region"
      aria-label={props.ariaLabel}
      className="relative isolate overflow-hidden rounded-lg border border-slate-200"
      style={{ height }}
    >
      <Inner {...props} height={height} />
    </div>
  );
}
