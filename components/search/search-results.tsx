"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import type { TSearchResult } from "@/lib/schemas/search-api";
import { DEFAULT_CENTER, DEFAULT_ZOOM } from "@/components/map/map-defaults";
import { MapView } from "@/components/map/map-view";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { HighlightedTitle } from "@/components/search/highlighted-title";
import { hitHref } from "@/components/search/hit-href";
import { SearchFacets, type Option } from "@/components/search/search-facets";
import { SearchNear } from "@/components/search/search-near";
import { searchParamsOf, searchStateFrom, type SearchState } from "@/components/search/search-url";

type Hit = TSearchResult["hits"][number];

/**
 * The results page: the URL holds the whole query (every change is a navigation, so back/forward and a shared
 * link give the same results); facets, near me / near an incident, a map of the hits that have a place, the
 * highlighted list, which engine answered (and plainly when it fell back), the relaxation steps taken, and —
 * when nothing matches — what to do next ("post a need" for requesters).
 */
export function SearchResults(props: {
  regions: Option[];
  types: Option[];
  incidents: { id: string; title: string; lat: number; lng: number }[];
  postNeedHref: string | null;
  tileUrl: string;
  tileAttribution?: string;
}) {
  const t = useT("search");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const state = searchStateFrom(new URLSearchParams(sp.toString()));
  const key = searchParamsOf(state).toString();
  const [more, setMore] = useState<{ key: string; hits: Hit[]; cursor: string | null } | null>(null);
  const queryClient = useQueryClient();
  const hasQuery = !!state.q || Object.keys(state).length > 0;
  const result = useQuery({ ...trpc.search.query.queryOptions(state), enabled: hasQuery, placeholderData: keepPreviousData });
  const regionName = new Map(props.regions.map((r) => [r.code, r.label]));
  const typeName = new Map(props.types.map((ty) => [ty.code, ty.label]));
  const push = (next: SearchState) => {
    const qs = searchParamsOf(next).toString();
    router.push(`${pathname}${qs ? `?${qs}` : ""}`, { scroll: false });
  };

  const extra = more && more.key === key ? more : null;
  const hits = [...(result.data?.hits ?? []), ...(extra?.hits ?? [])];
  const cursor = extra ? extra.cursor : result.data?.nextCursor ?? null;
  const loadMore = async () => {
    if (!cursor) return;
    const page = await queryClient.fetchQuery(trpc.search.query.queryOptions({ ...state, cursor }));
    setMore({ key, hits: [...(extra?.hits ?? []), ...page.hits], cursor: page.nextCursor });
  };
  const near = state.near?.split(",").map(Number);
  const markers = hits.flatMap((h) =>
    h.lat !== undefined && h.lng !== undefined ? [{ id: `${h.kind}:${h.id}`, lat: h.lat, lng: h.lng, title: locale === "en" && h.titleEn ? h.titleEn : h.title, href: hitHref(locale, h), linkLabel: t("page.open") }] : [],
  );
  const center = near ? { lat: near[0]!, lng: near[1]! } : markers[0] ? { lat: markers[0].lat, lng: markers[0].lng } : { lat: DEFAULT_CENTER[0], lng: DEFAULT_CENTER[1] };
  const data = result.data;

  return (
    <div className="grid gap-6 lg:grid-cols-[17rem_1fr]" data-testid="search-results" data-query={key}>
      <div className="space-y-4">
        <SearchFacets state={state} facets={data?.facets} regionLabel={(c) => regionName.get(c) ?? c} typeLabel={(c) => typeName.get(c) ?? c} onChange={push} />
        <SearchNear state={state} incidents={props.incidents} onChange={push} />
      </div>
      <div className="min-w-0 space-y-4">
        {!hasQuery ? <p className="text-sm text-slate-600" data-testid="search-empty-query">{t("page.empty")}</p> : null}
        {result.isError ? <p role="alert" className="text-sm text-red-800">{t("errors.failed", { message: result.error.message })}</p> : null}
        {data ? (
          <div className="space-y-2 text-sm" aria-live="polite">
            <p className="flex flex-wrap items-center gap-2 text-slate-700">
              <span className="font-medium text-slate-900" data-testid="search-total">{data.totalCapped ? t("page.totalCapped", { n: data.total.toLocaleString(locale === "en" ? "en-US" : "zh-CN") }) : t("page.total", { n: data.total })}</span>
              <Badge tone="neutral" data-testid="search-engine" data-engine={data.engine}>{t(`page.engine.${data.engine}`)}</Badge>
            </p>
            {data.fellBack ? <p className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900" data-testid="search-fellback">{t(`page.fellBack.${data.fellBack}`)}</p> : null}
            {data.relaxed.length > 0 ? (
              <div className="rounded-lg bg-sky-50 px-3 py-2 text-sky-900" data-testid="search-relaxed">
                <p>{t("page.relaxed")}</p>
                <ul className="list-inside list-disc">
                  {data.relaxed.map((s, i) => (
                    <li key={i}>{s.kind === "dropWord" ? t("page.dropWord", { word: s.word }) : t("page.widenRegion", { from: regionName.get(s.from) ?? s.from, to: regionName.get(s.to) ?? s.to })}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ) : null}
        {data && hits.length === 0 ? (
          <EmptyState
            title={t("page.noneTitle")}
            description={props.postNeedHref ? `${t("page.noneBody")} ${t("page.postNeedBody")}` : t("page.noneBody")}
            action={props.postNeedHref ? { href: props.postNeedHref, label: t("page.postNeed") } : undefined}
            data-testid="search-none"
          />
        ) : null}
        {markers.length > 0 ? (
          <section aria-label={t("page.mapTitle")} className="space-y-2">
            <MapView key={`${center.lat},${center.lng}`} center={center} zoom={near ? 11 : DEFAULT_ZOOM} markers={markers} tileUrl={props.tileUrl} tileAttribution={props.tileAttribution} height={280} ariaLabel={t("page.mapLabel")} testId="search-map" />
          </section>
        ) : null}
        {hits.length > 0 ? (
          <ul className="space-y-2" data-testid="search-hits">
            {hits.map((h) => (
              <li key={`${h.kind}:${h.id}`} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="search-hit" data-kind={h.kind}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <a href={hitHref(locale, h)} className="font-medium text-slate-900 underline-offset-2 hover:underline" data-testid="search-hit-link">
                    <HighlightedTitle hit={h} english={locale === "en"} />
                  </a>
                  <span className="flex items-center gap-2 text-xs text-slate-600">
                    {h.distanceKm !== undefined ? <span>{t("page.distance", { km: h.distanceKm.toFixed(1) })}</span> : null}
                    <Badge tone="info">{t(`kinds.${h.kind}`)}</Badge>
                  </span>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
        {cursor ? <Button variant="outline" size="sm" onClick={() => void loadMore()} data-testid="search-more">{t("page.more")}</Button> : null}
        {props.postNeedHref && data && hits.length > 0 && data.relaxed.length > 0 ? (
          <p className="text-sm text-slate-700">{t("page.postNeedBody")} <ButtonLink href={props.postNeedHref} size="sm" variant="outline">{t("page.postNeed")}</ButtonLink></p>
        ) : null}
      </div>
    </div>
  );
}
