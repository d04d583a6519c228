"use client";

import "leaflet/dist/leaflet.css";
import { useEffect } from "react";
import { CircleMarker, MapContainer, Polygon, TileLayer, Tooltip, useMap } from "react-leaflet";
import { DEFAULT_CENTER } from "@/components/map/map-defaults";
import { useMapProjection } from "@/components/map/map-projection";
import type { TaskMapPoint, TaskMapProps } from "@/components/knight/task-map";

const STYLE: Record<TaskMapPoint["kind"], { color: string; fillColor: string; fillOpacity: number; weight: number }> = {
  pickup: { color: "#1d4ed8", fillColor: "#3b82f6", fillOpacity: 0.9, weight: 2 },
  dropoff: { color: "#c2410c", fillColor: "#f97316", fillOpacity: 0.9, weight: 2 },
  knight: { color: "#047857", fillColor: "#10b981", fillOpacity: 0.95, weight: 3 },
};
const ZONE_STYLE = { color: "#dc2626", fillColor: "#f87171", fillOpacity: 0.25, weight: 2 };

/** Keeps every point in view when the set of points changes (not on each position update of the same set). */
function FitPoints({ points }: { points: TaskMapPoint[] }) {
  const map = useMap();
  const { toMap } = useMapProjection();
  const key = points.map((p) => p.id).join("|");
  useEffect(() => {
    if (points.length === 1) map.setView(toMap(points[0]), 15);
    else if (points.length > 1) map.fitBounds(points.map(toMap), { padding: [28, 28], maxZoom: 16 });
    // Refit only when points are added or removed, so the person's own panning is respected.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, key]);
  return null;
}

export default function TaskMapInner({ points, zones = [], tileUrl, tileAttribution, height = 260 }: TaskMapProps) {
  const { toMap } = useMapProjection();
  const first = points[0];
  const center: [number, number] = toMap(first ?? { lat: DEFAULT_CENTER[0], lng: DEFAULT_CENTER[1] });
  return (
    <MapContainer center={center} zoom={14} style={{ height, width: "100%" }} scrollWheelZoom={false}>
      <TileLayer url={tileUrl} attribution={tileAttribution ?? ""} />
      <FitPoints points={points} />
      {zones.map((z) => (
        <Polygon key={z.id} positions={z.ring.map(toMap)} pathOptions={ZONE_STYLE}>
          <Tooltip>{z.name}</Tooltip>
        </Polygon>
      ))}
      {points.map((p) => (
        <CircleMarker key={p.id} center={toMap(p)} radius={p.kind === "knight" ? 8 : 9} pathOptions={STYLE[p.kind]}>
          <Tooltip>{p.label}</Tooltip>
        </CircleMarker>
      ))}
    </MapContainer>
  );
}
