import { parsePoint, ZBrowseFilters, type TBrowseFilters } from "@/lib/schemas/listing-browse";
import type { Locale } from "@/lib/i18n/config";

/**
 * Browse state ⇄ URL query, so a filtered view can be shared. Unknown or invalid values are dropped
 * (a hand-edited URL never breaks the page). `near` is kept beside the filters.
 */

export type BrowseState = TBrowseFilters & { near?: string };

const KEYS = ["category", "typeCode", "regionCode", "availableNow", "pricingMode", "verifiedOnly", "q", "bbox", "near"] as const;

export function stateFromSearchParams(sp: URLSearchParams | Record<string, string | string[] | undefined>): BrowseState {
  const get = (k: string) => (sp instanceof URLSearchParams ? sp.get(k) ?? undefined : [sp[k]].flat()[0]);
  const out: BrowseState = {};
  for (const key of KEYS) {
    const raw = get(key);
    if (raw === undefined || raw === "") continue;
    if (key === "near") {
      if (parsePoint(raw)) out.near = raw;
      continue;
    }
    const field = ZBrowseFilters.shape[key].safeParse(raw);
    if (field.success && field.data !== undefined) (out as Record<string, unknown>)[key] = field.data;
  }
  return out;
}

export function searchParamsFromState(s: BrowseState): URLSearchParams {
  const sp = new URLSearchParams();
  for (const key of KEYS) {
    const v = s[key];
    if (v === undefined || v === "" || v === false) continue;
    if (key === "verifiedOnly" && v === true) continue; // the default
    sp.set(key, String(v));
  }
  if (s.verifiedOnly === false) sp.set("verifiedOnly", "false");
  return sp;
}

export function listingHref(locale: Locale, id: string): string {
  return `/${locale}/listings/${encodeURIComponent(id)}`;
}

export function organizationHref(locale: Locale, id: string): string {
  return `/${locale}/organizations/${encodeURIComponent(id)}`;
}

export function browseHref(locale: Locale, s: BrowseState = {}): string {
  const q = searchParamsFromState(s).toString();
  return `/${locale}/listings/browse${q ? `?${q}` : ""}`;
}
