import { ZSearchQueryInput, type TSearchQuery } from "@/lib/schemas/search-api";
import type { Locale } from "@/lib/i18n/config";

/**
 * The results page's whole query ⇄ its URL, so a search can be shared and back/forward walk through it.
 * The same parameter names as REST GET /search. Invalid values are dropped one by one (a hand-edited URL never
 * breaks the page). `limit` and `cursor` are not kept: the page loads more in place.
 */
export type SearchState = Omit<TSearchQuery, "limit" | "cursor">;

const SINGLE = ["q", "category", "typeCode", "region", "near", "radiusKm", "available", "verified", "priceMode"] as const;

export function searchStateFrom(sp: URLSearchParams): SearchState {
  const out: Record<string, unknown> = {};
  const shape = ZSearchQueryInput.shape;
  for (const key of SINGLE) {
    const raw = sp.get(key);
    if (raw === null || raw.trim() === "") continue;
    const parsed = shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  const kinds = sp.getAll("kind");
  if (kinds.length) {
    const parsed = shape.kind.safeParse(kinds);
    if (parsed.success && parsed.data?.length) out.kind = parsed.data;
  }
  if (out.radiusKm !== undefined && out.near === undefined) delete out.radiusKm;
  return out as SearchState;
}

export function searchParamsOf(s: SearchState): URLSearchParams {
  const sp = new URLSearchParams();
  if (s.q) sp.set("q", s.q);
  for (const k of s.kind ?? []) sp.append("kind", k);
  for (const key of SINGLE) {
    if (key === "q") continue;
    const v = s[key];
    if (v === undefined || v === "") continue;
    sp.set(key, String(v));
  }
  return sp;
}

export function searchHref(locale: Locale, s: SearchState): string {
  const qs = searchParamsOf(s).toString();
  return `/${locale}/search${qs ? `?${qs}` : ""}`;
}
