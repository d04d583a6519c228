"use client";

import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useMemo } from "react";
import { CircleMarker, MapContainer, Marker, Polyline, TileLayer, Tooltip, useMap } from "react-leaflet";
import { DEFAULT_CENTER } from "@/components/map/map-defaults";
import { useMapProjection } from "@/components/map/map-projection";
import { priorityColour, type ProposalMapProps } from "@/components/matching/proposal-map";

/** Fits the view to every point once they are known (and when the set changes). */
function FitBounds({ points }: { points: [number, number][] }) {
  const map = useMap();
  const key = points.map((p) => p.join(",")).join(";");
  useEffect(() => {
    if (points.length === 0) return;
    if (points.length === 1) map.setView(points[0]!, 13);
    else map.fitBounds(points, { padding: [24, 24], maxZoom: 14 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `points`
  }, [map, key]);
  return null;
}

const escape = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A resource's square marker (an HTML icon, so it is focusable and carries its name for screen readers). */
function resourceIcon(colour: string, selected: boolean, label: string, assignmentId: string): L.DivIcon {
  const size = selected ? 18 : 14;
  return L.divIcon({
    className: "",
    iconSize: [size, size],
    html: `<div data-testid="proposal-resource-marker" data-assignment-id="${escape(assignmentId)}" aria-label="${escape(label)}"
      style="width:${size}px;height:${size}px;background:#fff;border:${selected ? 4 : 3}px solid ${selected ? "#0f172a" : colour};
      box-shadow:0 1px 3px rgba(0,0,0,.35)"></div>`,
  });
}

/** The Leaflet part of ProposalMap; only ever rendered in the browser. Vector markers need no icon images. */
export default function ProposalMapInner(props: ProposalMapProps) {
  const { needs, resources, selectedId, onSelect, needLabel, tileUrl, tileAttribution, height = 300 } = props;
  const { toMap } = useMapProjection();
  const needById = useMemo(() => new Map(needs.map((n) => [n.id, n])), [needs]);
  // Drawn positions, in the tiles' coordinate system (see map-projection.tsx).
  const points = useMemo<[number, number][]>(() => [...needs.map(toMap), ...resources.map(toMap)], [needs, resources, toMap]);
  const focus = points[0] ?? toMap({ lat: DEFAULT_CENTER[0], lng: DEFAULT_CENTER[1] });
  return (
    <MapContainer center={focus} zoom={12} style={{ height, width: "100%" }} scrollWheelZoom={false}>
      <TileLayer url={tileUrl} attribution={tileAttribution ?? ""} />
      <FitBounds points={points} />
      {resources.map((r) => {
        const need = needById.get(r.needId);
        if (!need) return null;
        const colour = priorityColour(need.priority);
        const selected = r.assignmentId === selectedId;
        const select = { click: () => onSelect(r.assignmentId) };
        return (
          <Polyline
            key={`line-${r.assignmentId}`}
            positions={[toMap(need), toMap(r)]}
            pathOptions={{ color: colour, weight: selected ? 6 : 3, opacity: selected ? 1 : 0.7, className: "proposal-line" }}
            eventHandlers={select}
          >
            <Tooltip sticky>{r.label}</Tooltip>
          </Polyline>
        );
      })}
      {resources.map((r) => {
        const need = needById.get(r.needId);
        const colour = priorityColour(need?.priority ?? "");
        const selected = r.assignmentId === selectedId;
        return (
          <Marker
            key={`res-${r.assignmentId}-${selected ? 1 : 0}`}
            position={toMap(r)}
            icon={resourceIcon(colour, selected, r.label, r.assignmentId)}
            title={r.label}
            alt={r.label}
            keyboard
            zIndexOffset={selected ? 1000 : 0}
            eventHandlers={{ click: () => onSelect(r.assignmentId) }}
          />
        );
      })}
      {needs.map((n) => (
        <CircleMarker
          key={`need-${n.id}`}
          center={toMap(n)}
          radius={8}
          pathOptions={{ color: "#0f172a", weight: 2, fillColor: priorityColour(n.priority), fillOpacity: 0.9, className: "proposal-need" }}
        >
          <Tooltip>{needLabel(n)}</Tooltip>
        </CircleMarker>
      ))}
    </MapContainer>
  );
}
