"use client";

import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import type { LatLng } from "@/components/incidents/area-geojson";
import { IncidentMap } from "@/components/incidents/incident-map";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";

/**
 * Location + optional affected area on one map. Clicks set the location, or (in area mode) add a corner
 * to the polygon; "clear" removes the area. Coordinates are shown as text so the choice is not map-only.
 */
export function AreaPicker({
  location,
  area,
  onLocation,
  onArea,
  tileUrl,
  tileAttribution,
  locationError,
  areaError,
}: {
  location: LatLng | null;
  area: LatLng[];
  onLocation: (v: LatLng) => void;
  onArea: (v: LatLng[]) => void;
  tileUrl: string;
  tileAttribution?: string;
  locationError?: string;
  areaError?: string;
}) {
  const t = useT("incidents");
  const [mode, setMode] = useState<"location" | "area">("location");
  const modeButton = (m: typeof mode, label: string) => (
    <button
      type="button"
      aria-pressed={mode === m}
      onClick={() => setMode(m)}
      data-testid={`map-mode-${m}`}
      className={cx(
        "rounded-md px-3 py-1.5 text-sm font-medium",
        mode === m ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100",
      )}
    >
      {label}
    </button>
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-800">{t("form.mode")}</span>
        <div role="group" aria-label={t("form.mode")} className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5">
          {modeButton("location", t("form.modeLocation"))}
          {modeButton("area", t("form.modeArea"))}
        </div>
      </div>
      <IncidentMap
        testId="incident-location-map"
        label={t("form.location")}
        location={location}
        draft={area}
        onMapClick={(p) => (mode === "location" ? onLocation(p) : onArea([...area, p]))}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
        height={320}
      />
      <p className="text-sm text-slate-600" id="incident-location-hint">
        {location ? (
          <span data-testid="incident-location-value">
            {t("form.locationValue", { lat: location.lat.toFixed(5), lng: location.lng.toFixed(5) })}
          </span>
        ) : (
          t("form.locationHint")
        )}
      </p>
      {locationError ? (
        <p role="alert" id="incident-location-error" className="text-xs font-medium text-red-700">
          {locationError}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span data-testid="incident-area-count">{area.length ? t("form.areaPoints", { count: area.length }) : t("form.areaHint")}</span>
        {area.length ? (
          <Button variant="outline" size="sm" onClick={() => onArea([])} data-testid="incident-area-clear">
            {t("form.areaClear")}
          </Button>
        ) : null}
      </div>
      {areaError ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {areaError}
        </p>
      ) : null}
    </div>
  );
}
