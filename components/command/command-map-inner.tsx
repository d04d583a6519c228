"use client";

import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useMemo, useState } from "react";
import { CircleMarker, MapContainer, Marker, Polygon, Polyline, Popup, TileLayer, Tooltip, useMap, useMapEvents } from "react-leaflet";
import Supercluster from "supercluster";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { boundariesToDraw, boundsOf, regionGeometries } from "@/lib/geo/region-boundaries";
import type { TAvailabilityCell, TResourceCategory } from "@/lib/schemas/command-map";
import { localeHref } from "@/components/layout/routes";
import { useMapProjection } from "@/components/map/map-projection";
import { DEFAULT_CENTER } from "@/components/map/map-defaults";
import type { CommandMapProps } from "@/components/command/command-map";
import { BAND_COLOUR, commandPaths, PHASE_COLOUR, polygonsOf, SEVERITY_COLOUR, worstBand } from "@/components/command/command-map-view";

type CellProps = { total: number; byCategory: Partial<Record<TResourceCategory, number>> };
const escape = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Fits the view to the region whenever the region changes (not on every live refresh). */
function FitRegion({ regionCode, fallback }: { regionCode: string; fallback: [number, number][] }) {
  const map = useMap();
  const { toMap } = useMapProjection();
  useEffect(() => {
    const b = boundsOf(regionGeometries(regionCode) ?? []);
    if (b) map.fitBounds([toMap({ lat: b[0][0], lng: b[0][1] }), toMap({ lat: b[1][0], lng: b[1][1] })], { padding: [16, 16] });
    else if (fallback.length > 0) map.fitBounds(fallback, { padding: [32, 32], maxZoom: 13 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refit per region only
  }, [map, regionCode]);
  return null;
}

/** Available-resource cells, merged further by supercluster at low zoom (sums of counts per category). */
function AvailabilityLayer({ cells, label }: { cells: TAvailabilityCell[]; label: (c: CellProps) => string }) {
  const map = useMap();
  const { toMap } = useMapProjection();
  const [view, setView] = useState({ zoom: map.getZoom(), tick: 0 });
  useMapEvents({ moveend: () => setView((v) => ({ zoom: map.getZoom(), tick: v.tick + 1 })) });
  const index = useMemo(() => {
    const sc = new Supercluster<CellProps, CellProps>({
      radius: 60,
      maxZoom: 16,
      map: (p) => ({ total: p.total, byCategory: { ...p.byCategory } }),
      reduce: (acc, p) => {
        acc.total += p.total;
        for (const [k, n] of Object.entries(p.byCategory)) acc.byCategory[k as TResourceCategory] = (acc.byCategory[k as TResourceCategory] ?? 0) + (n ?? 0);
      },
    });
    sc.load(cells.map((c) => {
      const [lat, lng] = toMap(c);
      return { type: "Feature" as const, properties: { total: c.total, byCategory: c.byCategory }, geometry: { type: "Point" as const, coordinates: [lng, lat] } };
    }));
    return sc;
  }, [cells, toMap]);
  const clusters = useMemo(() => {
    const b = map.getBounds();
    return index.getClusters([b.getWest() - 1, b.getSouth() - 1, b.getEast() + 1, b.getNorth() + 1], Math.round(view.zoom));
  }, [index, view, map]);
  return (
    <>
      {clusters.map((c, i) => {
        const p = c.properties as CellProps;
        const [lng, lat] = c.geometry.coordinates as [number, number];
        const size = p.total < 10 ? 28 : p.total < 100 ? 34 : p.total < 1000 ? 40 : 48;
        const text = p.total >= 10000 ? `${Math.round(p.total / 1000)}k` : String(p.total);
        const aria = escape(label(p));
        const icon = L.divIcon({
          className: "",
          iconSize: [size, size],
          html: `<div data-testid="command-available" title="${aria}" aria-label="${aria}" role="img" class="flex h-full w-full items-center justify-center rounded-full border-2 border-emerald-100 bg-emerald-700/85 text-xs font-semibold text-white shadow">${text}</div>`,
        });
        return <Marker key={`a-${i}-${lat}-${lng}-${p.total}`} position={[lat, lng]} icon={icon} title={label(p)} keyboard eventHandlers={{ click: () => map.setView([lat, lng], Math.min(map.getZoom() + 2, 17)) }} />;
      })}
    </>
  );
}

/** The Leaflet part of CommandMap; only ever rendered in the browser. */
export default function CommandMapInner({ data, tileUrl, tileAttribution, wall }: CommandMapProps) {
  const t = useT("commandMap");
  const locale = useLocale();
  const { toMap, geometryToMap } = useMapProjection();
  const href = (p: string) => localeHref(locale, p);
  const boundaries = useMemo(() => boundariesToDraw(data.region.code), [data.region.code]);
  const needsByStaging = useMemo(() => new Map(data.stagingPoints.map((s) => [s.key, data.needs.filter((n) => s.needIds.includes(n.id))])), [data]);
  const fallback = useMemo(() => data.incidents.map((i) => toMap(i)), [data.incidents, toMap]);
  const category = (k: string) => t(`category.${k as TResourceCategory}`);
  const cellLabel = (c: CellProps) =>
    `${t("popup.available", { count: c.total })}: ${Object.entries(c.byCategory).map(([k, n]) => `${category(k)} ${n}`).join(", ")}`;
  const labelSize = wall ? "text-base px-2.5 py-1" : "text-xs px-2 py-0.5";

  return (
    <MapContainer center={toMap({ lat: DEFAULT_CENTER[0], lng: DEFAULT_CENTER[1] })} zoom={8} className="h-full w-full" scrollWheelZoom={!wall} zoomControl={!wall}>
      {tileUrl ? <TileLayer url={tileUrl} attribution={tileAttribution ?? ""} /> : null}
      <FitRegion regionCode={data.region.code} fallback={fallback} />
      {boundaries.map((f) =>
        polygonsOf(geometryToMap(f.geometry)).map((rings, i) => (
          <Polygon
            key={`b-${f.properties.code}-${i}`}
            positions={rings.map((r) => r.map((p) => [p.lat, p.lng] as [number, number]))}
            // className as a Leaflet option (set when the path is created); pathOptions only restyle it later.
            className="command-boundary"
            pathOptions={{ color: "#475569", weight: 1.5, fill: false }}
            interactive={false}
          />
        )),
      )}
      {data.hazardZones.map((z) =>
        polygonsOf(geometryToMap(z.polygon)).map((rings, i) => (
          <Polygon key={`h-${z.id}-${i}`} positions={rings.map((r) => r.map((p) => [p.lat, p.lng] as [number, number]))} pathOptions={{ color: "#7e22ce", fillColor: "#a855f7", fillOpacity: 0.25, weight: 2, dashArray: "6 3" }}>
            <Tooltip>{z.name}</Tooltip>
          </Polygon>
        )),
      )}
      {data.incidents.flatMap((inc) =>
        inc.area
          ? polygonsOf(geometryToMap(inc.area)).map((rings, i) => (
              <Polygon key={`ar-${inc.id}-${i}`} positions={rings.map((r) => r.map((p) => [p.lat, p.lng] as [number, number]))} pathOptions={{ color: SEVERITY_COLOUR[inc.severity], fillOpacity: 0.15, weight: 2 }} interactive={false} />
            ))
          : [],
      )}
      <AvailabilityLayer cells={data.available} label={cellLabel} />
      {data.movements.map((m) => (
        <Polyline key={`mv-${m.assignmentId}`} positions={[toMap(m.from), toMap(m.to)]} pathOptions={{ color: PHASE_COLOUR[m.phase], weight: 3, opacity: 0.8, dashArray: m.phase === "COMMITTED" ? "4 6" : undefined }}>
          <Tooltip sticky>{t("popup.movement", { resource: localizedName(locale, m.resourceTitle, m.resourceTitleEn), phase: t(`phase.${m.phase}`) })}</Tooltip>
        </Polyline>
      ))}
      {data.movements.map((m) => (
        <CircleMarker key={`r-${m.assignmentId}`} center={toMap(m.from)} radius={5} pathOptions={{ color: "#0f172a", fillColor: PHASE_COLOUR[m.phase], fillOpacity: 1, weight: 1.5 }}>
          <Popup>
            <div className="text-sm" data-testid="command-popup">
              <p className="font-semibold text-slate-900">{localizedName(locale, m.resourceTitle, m.resourceTitleEn)}</p>
              <p className="text-slate-600">{t(`phase.${m.phase}`)}{m.orgName ? ` · ${localizedName(locale, m.orgName, m.orgNameEn)}` : ""}</p>
              <a className="mr-3 font-medium text-brand-700 underline" href={href(commandPaths.resource(m.resourceId))}>{t("popup.openResource")}</a>
              {m.orgId ? <a className="font-medium text-brand-700 underline" href={href(commandPaths.org(m.orgId))}>{t("popup.openOrg")}</a> : null}
            </div>
          </Popup>
        </CircleMarker>
      ))}
      {data.stagingPoints.map((s) => {
        const needs = needsByStaging.get(s.key) ?? [];
        return (
          <CircleMarker key={`s-${s.key}`} center={toMap(s)} radius={wall ? 11 : 9} className="command-need" pathOptions={{ color: "#1e3a8a", fillColor: BAND_COLOUR[worstBand(needs)], fillOpacity: 0.95, weight: 3 }}>
            <Popup>
              <div className="text-sm" data-testid="command-popup">
                <p className="font-semibold text-slate-900">{s.address}</p>
                <p className="text-slate-600">{t("popup.stagingNeeds", { count: needs.length })}</p>
                <ul className="mt-1 space-y-1">
                  {needs.map((n) => (
                    <li key={n.id}>
                      <a className="font-medium text-brand-700 underline" href={href(commandPaths.need(n.incidentId, n.id))} data-testid="command-need-link">{n.title}</a>{" "}
                      <span className="text-slate-600">{t("popup.needFill", { band: t(`fill.${n.band}`), filled: n.filled, quantity: n.quantity })}</span>
                    </li>
                  ))}
                </ul>
              </div>
            </Popup>
          </CircleMarker>
        );
      })}
      {data.incidents.map((inc) => (
        <CircleMarker key={`i-${inc.id}`} center={toMap(inc)} radius={wall ? 14 : 11} pathOptions={{ color: "#fff", fillColor: SEVERITY_COLOUR[inc.severity], fillOpacity: 1, weight: 3 }}>
          <Tooltip>{inc.title}</Tooltip>
          <Popup>
            <div className="text-sm" data-testid="command-popup">
              <p className="font-semibold text-slate-900">{inc.title}</p>
              <p className="text-slate-600">{t(`severity.${inc.severity}`)} · {localizedName(locale, inc.orgName, inc.orgNameEn)}</p>
              <a className="mr-3 font-medium text-brand-700 underline" href={href(commandPaths.incident(inc.id))}>{t("popup.openIncident")}</a>
              <a className="font-medium text-brand-700 underline" href={href(commandPaths.org(inc.orgId))}>{t("popup.openOrg")}</a>
            </div>
          </Popup>
        </CircleMarker>
      ))}
      {data.knights.map((k) => {
        const text = t("popup.knights", { count: k.display });
        const icon = L.divIcon({
          className: "",
          iconSize: [wall ? 120 : 96, wall ? 30 : 24],
          html: `<span data-testid="command-knights" data-display="${escape(k.display)}" role="img" aria-label="${escape(text)}" class="inline-flex items-center whitespace-nowrap rounded-full border border-teal-200 bg-teal-700/90 font-semibold text-white shadow ${labelSize}">${escape(text)}</span>`,
        });
        return <Marker key={`k-${k.key}`} position={toMap(k)} icon={icon} title={text} interactive={false} keyboard={false} />;
      })}
    </MapContainer>
  );
}
