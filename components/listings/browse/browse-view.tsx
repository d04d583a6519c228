"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { useT } from "@/lib/i18n/client";
import type { MapBounds } from "@/components/map/map-view";
import { DEFAULT_CENTER, DEFAULT_ZOOM } from "@/components/map/map-defaults";
import { BrowseFilters, type RegionOption, type TypeOption } from "@/components/listings/browse/browse-filters";
import { BrowseMap, bboxString } from "@/components/listings/browse/browse-map";
import { BrowseResults } from "@/components/listings/browse/browse-results";
import { searchParamsFromState, stateFromSearchParams, type BrowseState } from "@/components/listings/browse/browse-url";

type Props = { regions: RegionOption[]; types: TypeOption[]; tileUrl: string; tileAttribution: string };

/** List + map browse page. The URL holds every filter (shareable); the map's visible area drives the clusters. */
export function BrowseView({ regions, types, tileUrl, tileAttribution }: Props) {
  const t = useT("browse");
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const state = useMemo(() => stateFromSearchParams(new URLSearchParams(sp.toString())), [sp]);
  const [bounds, setBounds] = useState<MapBounds | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [nearMode, setNearMode] = useState<"off" | "me" | "center">(state.near ? "center" : "off");

  const initial = useMemo(() => {
    const [lat, lng] = state.near ? state.near.split(",").map(Number) : DEFAULT_CENTER;
    return { lat, lng, zoom: state.near ? 11 : DEFAULT_ZOOM };
    // Only the first render decides where the map opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const push = useCallback(
    (next: BrowseState) => {
      const q = searchParamsFromState(next).toString();
      router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  const onNearMode = (mode: "off" | "me" | "center") => {
    setNearMode(mode);
    setNotice(null);
    const center = bounds?.center ?? { lat: DEFAULT_CENTER[0], lng: DEFAULT_CENTER[1] };
    const fmt = (p: { lat: number; lng: number }) => `${p.lat.toFixed(5)},${p.lng.toFixed(5)}`;
    if (mode === "off") return push({ ...state, near: undefined });
    if (mode === "center" || !("geolocation" in navigator)) return push({ ...state, near: fmt(center) });
    setNotice(t("filters.locating"));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setNotice(null);
        push({ ...state, near: fmt({ lat: pos.coords.latitude, lng: pos.coords.longitude }) });
      },
      () => {
        setNotice(t("filters.locateFailed"));
        push({ ...state, near: fmt(center) });
      },
      { timeout: 8000 },
    );
  };

  const { near, ...filters } = state;
  return (
    <div className="grid gap-6 lg:grid-cols-[17rem_minmax(0,1fr)]">
      <aside>
        <BrowseFilters
          state={state}
          regions={regions}
          types={types}
          nearMode={nearMode}
          onChange={push}
          onNearMode={onNearMode}
          onReset={() => {
            setNearMode("off");
            push({});
          }}
          onInMapArea={(checked) => push({ ...state, bbox: checked && bounds ? bboxString(bounds) : undefined })}
        />
        {notice ? <p className="mt-2 text-sm text-slate-600" role="status">{notice}</p> : null}
      </aside>
      <div className="min-w-0 space-y-6">
        <BrowseMap
          filters={filters}
          bounds={bounds}
          initial={initial}
          onBoundsChange={setBounds}
          tileUrl={tileUrl}
          tileAttribution={tileAttribution}
        />
        <BrowseResults input={{ ...filters, near }} />
      </div>
    </div>
  );
}
