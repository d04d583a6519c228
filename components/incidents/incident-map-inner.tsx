"use client";

import "leaflet/dist/leaflet.css";
import { CircleMarker, MapContainer, Polygon, Polyline, TileLayer, Tooltip, useMapEvents } from "react-leaflet";
import { DEFAULT_CENTER } from "@/components/map/map-defaults";
import type { LatLng } from "@/components/incidents/area-geojson";
import type { IncidentMapProps } from "@/components/incidents/incident-map";

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function ClickCatcher({ onPick }: { onPick: (v: LatLng) => void }) {
  useMapEvents({
    click(e) {
      onPick({ lat: round6(e.latlng.lat), lng: round6((((e.latlng.lng + 540) % 360) - 180)) });
    },
  });
  return null;
}

const INCIDENT_STYLE = { color: "#c2410c", fillColor: "#f97316", fillOpacity: 0.9, weight: 2 };
const STAGING_STYLE = { color: "#1d4ed8", fillColor: "#3b82f6", fillOpacity: 0.85, weight: 2 };
const AREA_STYLE = { color: "#dc2626", fillColor: "#f87171", fillOpacity: 0.2, weight: 2 };
const HAZARD_STYLE = { color: "#7e22ce", fillColor: "#a855f7", fillOpacity: 0.25, weight: 2, dashArray: "6 3" };

/** The Leaflet part of IncidentMap; only ever rendered in the browser. Circle markers need no icon images. */
export default function IncidentMapInner(props: IncidentMapProps) {
  const { location, areas = [], hazards = [], draft = [], points = [], onMapClick, tileUrl, tileAttribution, height = 320 } = props;
  const focus = location ?? points[0] ?? draft[0] ?? areas[0]?.[0];
  const center: [number, number] = focus ? [focus.lat, focus.lng] : DEFAULT_CENTER;
  return (
    <MapContainer center={center} zoom={focus ? 13 : 9} style={{ height, width: "100%" }} scrollWheelZoom={false}>
      <TileLayer url={tileUrl} attribution={tileAttribution ?? ""} />
      {onMapClick ? <ClickCatcher onPick={onMapClick} /> : null}
      {areas.map((ring, i) => (
        <Polygon key={`area-${i}`} positions={ring.map((p) => [p.lat, p.lng] as [number, number])} pathOptions={AREA_STYLE} />
      ))}
      {hazards.map((ring, i) => (
        <Polygon key={`hazard-${i}`} positions={ring.map((p) => [p.lat, p.lng] as [number, number])} pathOptions={HAZARD_STYLE} />
      ))}
      {draft.length >= 3 ? (
        <Polygon positions={draft.map((p) => [p.lat, p.lng] as [number, number])} pathOptions={{ ...AREA_STYLE, dashArray: "4 4" }} />
      ) : draft.length === 2 ? (
        <Polyline positions={draft.map((p) => [p.lat, p.lng] as [number, number])} pathOptions={AREA_STYLE} />
      ) : null}
      {draft.map((p, i) => (
        <CircleMarker key={`v-${i}`} center={[p.lat, p.lng]} radius={4} pathOptions={AREA_STYLE} />
      ))}
      {points.map((p) => (
        <CircleMarker key={p.id} center={[p.lat, p.lng]} radius={7} pathOptions={STAGING_STYLE}>
          {p.label ? <Tooltip>{p.label}</Tooltip> : null}
        </CircleMarker>
      ))}
      {location ? <CircleMarker center={[location.lat, location.lng]} radius={9} pathOptions={INCIDENT_STYLE} /> : null}
    </MapContainer>
  );
}
