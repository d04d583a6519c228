"use client";

import dynamic from "next/dynamic";

export type TaskMapPoint = { id: string; kind: "pickup" | "dropoff" | "knight"; lat: number; lng: number; label: string };
export type TaskMapZone = { id: string; name: string; ring: { lat: number; lng: number }[] };

export type TaskMapProps = {
  points: TaskMapPoint[];
  /** Hazard zones to show (red). */
  zones?: TaskMapZone[];
  tileUrl: string;
  tileAttribution?: string;
  height?: number;
  label: string;
  testId?: string;
};

const Inner = dynamic(() => import("./task-map-inner"), {
  ssr: false,
  loading: () => <div className="h-full w-full animate-pulse bg-slate-100" />,
});

/**
 * A task on a small map: pickup (blue), drop-off (orange), and — where the viewer may see it — the knight
 * (green). Client-only Leaflet. The shown points are mirrored in data attributes for tests and assistive
 * technology; the addresses themselves are always written out next to the map.
 */
export function TaskMap(props: TaskMapProps) {
  const height = props.height ?? 260;
  const knight = props.points.find((p) => p.kind === "knight");
  return (
    <div
      role="region"
      aria-label={props.label}
      data-testid={props.testId ?? "task-map"}
      data-points={props.points.map((p) => p.kind).join(",")}
      data-knight-lat={knight?.lat}
      data-knight-lng={knight?.lng}
      className="relative z-0 overflow-hidden rounded-xl border border-slate-200"
      style={{ height }}
    >
      <Inner {...props} height={height} />
    </div>
  );
}
