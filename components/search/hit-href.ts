import type { Locale } from "@/lib/i18n/config";
import type { TSearchResult } from "@/lib/schemas/search-api";
import { searchHref } from "@/components/search/search-url";

type Hit = Pick<TSearchResult["hits"][number], "kind" | "id" | "title">;

/** Where a hit opens: a listing's or organisation's page, a need's incident (or a supplier's work board), a type's listings. */
export function hitHref(locale: Locale, hit: Hit): string {
  const id = encodeURIComponent(hit.id);
  switch (hit.kind) {
    case "resource":
      return `/${locale}/listings/${id}`;
    case "organization":
      return `/${locale}/organizations/${id}`;
    case "need":
      return `/${locale}/needs/${id}?q=${encodeURIComponent(hit.title)}`;
    case "type":
      return searchHref(locale, { q: hit.title, kind: ["resource"] });
  }
}
