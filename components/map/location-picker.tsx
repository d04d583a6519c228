"use client";

import dynamic from "next/dynamic";

export type LatLng = { lat: number; lng: number };

export type LocationPickerProps = {
  value?: LatLng;
  onChange(v: LatLng): void;
  /** Tile URL template, e.g. env.MAP_TILE_URL passed down from a server component. */
  tileUrl: string;
  tileAttribution?: string;
  height?: number;
  testId?: string;
};

const Inner = dynamic(() => import("./location-picker-inner"), {
  ssr: false,
  loading: () => <div className="h-full w-full animate-pulse bg-slate-100" />,
});

/**
 * A small map where a click sets the point. Client-only (Leaflet needs `window`).
 * The chosen coordinates are also exposed as data attributes so tests and screen readers can read them.
 */
export function LocationPicker(props: LocationPickerProps) {
  const height = props.height ?? 280;
  return (
    <div
      data-testid={props.testId ?? "location-picker"}
      data-lat={props.value?.lat}
      data-lng={props.value?.lng}
      className="relative isolate overflow-hidden rounded-lg border border-slate-200"
      style={{ height }}
    >
      <Inner {...props} height={height} />
    </div>
  );
}
