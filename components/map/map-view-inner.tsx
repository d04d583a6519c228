"use client";

import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useMemo } from "react";
import { CircleMarker, MapContainer, Marker, Popup, TileLayer, useMap, useMapEvents } from "react-leaflet";
import type { MapBounds, MapCluster, MapMarker, MapViewProps } from "./map-view";
import { useMapProjection, type MapProjection } from "./map-projection";

/** The view in stored (WGS84) coordinates: corners converted back from the tiles' system. */
function boundsOf(map: L.Map, projection: MapProjection): MapBounds {
  const b = map.getBounds();
  const clamp = (v: number, lim: number) => Math.max(-lim, Math.min(lim, v));
  const sw = projection.fromMap({ lat: clamp(b.getSouth(), 90), lng: clamp(b.getWest(), 180) });
  const ne = projection.fromMap({ lat: clamp(b.getNorth(), 90), lng: clamp(b.getEast(), 180) });
  return {
    minLat: clamp(sw.lat, 90),
    minLng: clamp(sw.lng, 180),
    maxLat: clamp(ne.lat, 90),
    maxLng: clamp(ne.lng, 180),
    zoom: map.getZoom(),
    center: projection.fromMap(map.getCenter()),
  };
}

function BoundsReporter({ onBoundsChange }: { onBoundsChange?: (b: MapBounds) => void }) {
  const projection = useMapProjection();
  const map = useMapEvents({ moveend: () => onBoundsChange?.(boundsOf(map, projection)) });
  useEffect(() => {
    map.whenReady(() => onBoundsChange?.(boundsOf(map, projection)));
  }, [map, onBoundsChange, projection]);
  return null;
}

function clusterIcon(count: number, label: string): L.DivIcon {
  const size = count < 10 ? 32 : count < 100 ? 38 : count < 1000 ? 44 : 52;
  const text = count >= 10000 ? `${Math.round(count / 1000)}k` : String(count);
  const safeLabel = label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return L.divIcon({
    className: "",
    iconSize: [size, size],
    html: `<div data-testid="map-cluster" data-count="${count}" title="${safeLabel}" aria-label="${safeLabel}" role="button"
      style="width:${size}px;height:${size}px;border-radius:9999px;display:flex;align-items:center;justify-content:center;
      background:rgba(249,115,22,.85);color:#fff;font:600 12px/1 system-ui,sans-serif;border:3px solid rgba(255,237,213,.9);
      box-shadow:0 1px 3px rgba(0,0,0,.3)">${text}</div>`,
  });
}

function ClusterMarker({ cluster, label }: { cluster: MapCluster; label: string }) {
  const map = useMap();
  const { toMap } = useMapProjection();
  const icon = useMemo(() => clusterIcon(cluster.count, label), [cluster.count, label]);
  return (
    <Marker
      position={toMap(cluster)}
      icon={icon}
      keyboard
      title={label}
      eventHandlers={{
        click: () => {
          const [s, w, n, e] = cluster.bounds;
          if (n - s < 1e-6 && e - w < 1e-6) map.setView(toMap(cluster), Math.min(map.getZoom() + 3, 18));
          else map.fitBounds([toMap({ lat: s, lng: w }), toMap({ lat: n, lng: e })], { padding: [24, 24], maxZoom: 18 });
        },
      }}
    />
  );
}

function PointMarker({ marker }: { marker: MapMarker }) {
  const { toMap } = useMapProjection();
  return (
    <CircleMarker
      center={toMap(marker)}
      radius={8}
      className="map-marker"
      pathOptions={{ color: "#c2410c", fillColor: "#f97316", fillOpacity: 0.9, weight: 2 }}
    >
      {marker.title ? (
        <Popup>
          <div data-testid="map-popup" className="text-sm">
            <p className="font-semibold text-slate-900">{marker.title}</p>
            {marker.subtitle ? <p className="text-slate-600">{marker.subtitle}</p> : null}
            {marker.href ? (
              <a href={marker.href} className="mt-1 inline-block font-medium text-brand-700 underline" data-testid="map-popup-link">
                {marker.linkLabel ?? marker.title}
              </a>
            ) : null}
          </div>
        </Popup>
      ) : null}
    </CircleMarker>
  );
}

/** The Leaflet part of MapView; only ever rendered in the browser. */
export default function MapViewInner(props: MapViewProps) {
  const { center, zoom, markers = [], clusters = [], tileUrl, tileAttribution, height = 420, onBoundsChange } = props;
  const { toMap } = useMapProjection();
  return (
    <MapContainer center={toMap(center)} zoom={zoom} style={{ height, width: "100%" }} scrollWheelZoom>
      <TileLayer url={tileUrl} attribution={tileAttribution ?? ""} />
      <BoundsReporter onBoundsChange={onBoundsChange} />
      {clusters.map((c) =>
        c.count === 1 && c.marker ? (
          <PointMarker key={`m-${c.marker.id}`} marker={c.marker} />
        ) : (
          <ClusterMarker key={`c-${c.lat}-${c.lng}-${c.count}`} cluster={c} label={props.clusterLabel?.(c.count) ?? String(c.count)} />
        ),
      )}
      {markers.map((m) => (
        <PointMarker key={m.id} marker={m} />
      ))}
    </MapContainer>
  );
}
