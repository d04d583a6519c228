"use client";

import "leaflet/dist/leaflet.css";
import { CircleMarker, MapContainer, TileLayer, useMapEvents } from "react-leaflet";
import type { LocationPickerProps } from "./location-picker";
import { DEFAULT_CENTER } from "./map-defaults";

function ClickCatcher({ onPick }: { onPick: (v: { lat: number; lng: number }) => void }) {
  useMapEvents({
    click(e) {
      const lat = Math.round(e.latlng.lat * 1e6) / 1e6;
      // Leaflet can report longitudes outside ±180 after panning across the antimeridian.
      const lng = Math.round((((e.latlng.lng + 540) % 360) - 180) * 1e6) / 1e6;
      onPick({ lat, lng });
    },
  });
  return null;
}

/** The Leaflet part of LocationPicker; only ever rendered in the browser. */
export default function LocationPickerInner({ value, onChange, tileUrl, tileAttribution, height = 280 }: LocationPickerProps) {
  const center: [number, number] = value ? [value.lat, value.lng] : DEFAULT_CENTER;
  return (
    <MapContainer center={center} zoom={value ? 13 : 9} style={{ height, width: "100%" }} scrollWheelZoom>
      <TileLayer url={tileUrl} attribution={tileAttribution ?? ""} />
      <ClickCatcher onPick={onChange} />
      {value ? (
        <CircleMarker
          center={[value.lat, value.lng]}
          radius={9}
          className="map-marker"
          pathOptions={{ color: "#c2410c", fillColor: "#f97316", fillOpacity: 0.9, weight: 2 }}
        />
      ) : null}
    </MapContainer>
  );
}
