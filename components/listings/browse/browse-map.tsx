"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/lib/trpc/react";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { MapView, type MapBounds, type MapCluster } from "@/components/map/map-view";
import type { TBrowseFilters } from "@/lib/schemas/listing-browse";
import { listingHref } from "@/components/listings/browse/browse-url";

type Props = {
  filters: TBrowseFilters;
  bounds: MapBounds | null;
  initial: { lat: number; lng: number; zoom: number };
  onBoundsChange(b: MapBounds): void;
  tileUrl: string;
  tileAttribution: string;
};

export function bboxString(b: Pick<MapBounds, "minLat" | "minLng" | "maxLat" | "maxLng">): string {
  const r = (v: number) => Math.round(v * 1e4) / 1e4;
  return `${r(b.minLat)},${r(b.minLng)},${r(b.maxLat)},${r(b.maxLng)}`;
}

/** The clustered map: clusters are computed in the database for the visible area and zoom. */
export function BrowseMap({ filters, bounds, initial, onBoundsChange, tileUrl, tileAttribution }: Props) {
  const t = useT("browse");
  const locale = useLocale();
  const trpc = useTRPC();
  const input = bounds ? { ...filters, bbox: bboxString(bounds), zoom: Math.round(bounds.zoom) } : null;
  const q = useQuery({
    ...trpc.listingBrowse.clusters.queryOptions(input ?? { bbox: "0,0,0,0", zoom: 0 }),
    enabled: !!input,
    placeholderData: keepPreviousData,
  });
  const clusters: MapCluster[] = useMemo(
    () =>
      (q.data?.clusters ?? []).map((c) => ({
        lat: c.lat,
        lng: c.lng,
        count: c.count,
        bounds: c.bounds,
        marker: c.listing
          ? { id: c.listing.id, lat: c.lat, lng: c.lng, title: localizedName(locale, c.listing.title, c.listing.titleEn), href: listingHref(locale, c.listing.id), linkLabel: t("results.viewDetail") }
          : undefined,
      })),
    [q.data, locale, t],
  );
  return (
    <div>
      <MapView
        testId="browse-map"
        ariaLabel={t("map.label")}
        center={{ lat: initial.lat, lng: initial.lng }}
        zoom={initial.zoom}
        clusters={clusters}
        onBoundsChange={onBoundsChange}
        tileUrl={tileUrl}
        tileAttribution={tileAttribution}
        height={380}
        clusterLabel={(count) => t("map.clusterTitle", { count })}
      />
      <p className="mt-1 text-xs text-slate-500" data-testid="browse-map-total" data-total={q.data?.total ?? ""}>
        {q.isFetching ? t("map.loading") : t("map.tooMany")}
      </p>
    </div>
  );
}
