"use client";

import "leaflet/dist/leaflet.css";
import { CircleMarker, MapContainer, Polygon, Polyline, TileLayer, Tooltip, useMapEvents } from "react-leaflet";
import { DEFAULT_CENTER } from "@/components/map/map-defaults";
import { useMapProjection } from "@/components/map/map-projection";
import type { LatLng } from "@/components/incidents/area-geojson";
import type { IncidentMapProps } from "@/components/incidents/incident-map";

function ClickCatcher({ onPick }: { onPick: (v: LatLng) => void }) {
  const { fromMap } = useMapProjection();
  useMapEvents({
    click(e) {
      onPick(fromMap(e.latlng));
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
  const { toMap } = useMapProjection();
  const center: [number, number] = toMap(focus ?? { lat: DEFAULT_CENTER[0], lng: DEFAULT_CENTER[1] });
  return (
    <MapContainer center={center} zoom={focus ? 13 : 9} style={{ height, width: "100%" }} scrollWheelZoom={false}>
      <TileLayer url={tileUrl} attribution={tileAttribution ?? ""} />
      {onMapClick ? <ClickCatcher onPick={onMapClick} /> : null}
      {areas.map((ring, i) => (
        <Polygon key={`area-${i}`} positions={ring.map(toMap)} pathOptions={AREA_STYLE} />
      ))}
      {hazards.map((ring, i) => (
        <Polygon key={`hazard-${i}`} positions={ring.map(toMap)} pathOptions={HAZARD_STYLE} />
      ))}
      {draft.length >= 3 ? (
        <Polygon positions={draft.map(toMap)} pathOptions={{ ...AREA_STYLE, dashArray: "4 4" }} />
      ) : draft.length === 2 ? (
        <Polyline positions={draft.map(toMap)} pathOptions={AREA_STYLE} />
      ) : null}
      {draft.map((p, i) => (
        <CircleMarker key={`v-${i}`} center={toMap(p)} radius={4} pathOptions={AREA_STYLE} />
      ))}
      {points.map((p) => (
        <CircleMarker key={p.id} center={toMap(p)} radius={7} pathOptions={STAGING_STYLE}>
          {p.label ? <Tooltip>{p.label}</Tooltip> : null}
        </CircleMarker>
      ))}
      {location ? <CircleMarker center={toMap(location)} radius={9} pathOptions={INCIDENT_STYLE} /> : null}
    </MapContainer>
  );
}
