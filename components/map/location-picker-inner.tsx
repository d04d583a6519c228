"use client";

import "leaflet/dist/leaflet.css";
import { CircleMarker, MapContainer, TileLayer, useMapEvents } from "react-leaflet";
import type { LocationPickerProps } from "./location-picker";
import { DEFAULT_CENTER } from "./map-defaults";
import { useMapProjection } from "./map-projection";

function ClickCatcher({ onPick }: { onPick: (v: { lat: number; lng: number }) => void }) {
  const { fromMap } = useMapProjection();
  useMapEvents({
    click(e) {
      onPick(fromMap(e.latlng));
    },
  });
  return null;
}

/** The Leaflet part of LocationPicker; only ever rendered in the browser. */
export default function LocationPickerInner({ value, onChange, tileUrl, tileAttribution, height = 280 }: LocationPickerProps) {
  const { toMap } = useMapProjection();
  const center: [number, number] = toMap(value ?? { lat: DEFAULT_CENTER[0], lng: DEFAULT_CENTER[1] });
  return (
    <MapContainer center={center} zoom={value ? 13 : 9} style={{ height, width: "100%" }} scrollWheelZoom>
      <TileLayer url={tileUrl} attribution={tileAttribution ?? ""} />
      <ClickCatcher onPick={onChange} />
      {value ? (
        <CircleMarker
          center={toMap(value)}
          radius={9}
          className="map-marker"
          pathOptions={{ color: "#c2410c", fillColor: "#f97316", fillOpacity: 0.9, weight: 2 }}
        />
      ) : null}
    </MapContainer>
  );
}
