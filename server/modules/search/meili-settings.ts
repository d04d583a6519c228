import type { Settings } from "meilisearch";
import { DOMAIN_TERMS } from "@/server/modules/search/domain-terms";
import { SYNONYM_GROUPS } from "@/server/modules/search/synonyms";
import { MAX_TOTAL_HITS } from "@/server/modules/search/search-types";

/**
 * Meilisearch index settings, in code and applied by ensureSettings (on start and by the reindex). Mirrors the
 * PostgreSQL engine: same fields, the same domain dictionary (so both engines cut 排涝泵车 whole), the same
 * synonym table, pinyin/initials in their own fields (searched only for Latin queries, see meili-engine.ts), and
 * character bigrams of the Chinese text (`grams`) so 处理 finds 待处理 although Meilisearch matches by prefix.
 */

export const MEILI_SEARCHABLE = ["title", "titleEn", "text", "textEn", "grams", "pinyin", "initials"] as const;
export const MEILI_TEXT_ONLY = ["title", "titleEn", "text", "textEn", "grams"];

export function meiliSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const g of SYNONYM_GROUPS) {
    for (const w of g) out[w] = [...new Set([...(out[w] ?? []), ...g.filter((x) => x !== w)])];
  }
  return out;
}

export function meiliSettings(): Settings {
  return {
    searchableAttributes: [...MEILI_SEARCHABLE],
    filterableAttributes: ["uid", "kind", "category", "typeCode", "regionPath", "available", "verified", "priceMode", "vis", "deleted", "_geo"],
    sortableAttributes: ["_geo", "verified", "available", "id"],
    displayedAttributes: ["uid", "kind", "id", "version", "title", "titleEn", "_geo", "deleted"],
    // text relevance first; then the request's sort (verified, available, distance)
    rankingRules: ["words", "typo", "proximity", "attribute", "exactness", "sort"],
    synonyms: meiliSynonyms(),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      // initials are short codes (cfz): a typo there is another word
      disableOnAttributes: ["initials"],
      disableOnNumbers: true,
    },
    localizedAttributes: [
      { attributePatterns: ["title", "text", "grams"], locales: ["cmn"] },
      { attributePatterns: ["titleEn", "textEn", "pinyin", "initials"], locales: ["eng"] },
    ],
    dictionary: [...DOMAIN_TERMS],
    faceting: { maxValuesPerFacet: 200 },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}
