"use client";

import { useT } from "@/lib/i18n/client";
import { SEARCH_KINDS } from "@/lib/schemas/search";
import type { TSearchResult } from "@/lib/schemas/search-api";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { SearchState } from "@/components/search/search-url";

type Facets = TSearchResult["facets"];
export type Option = { code: string; label: string };

/** Options of one facet: the counted values of this answer, plus the chosen one even when it counts none. */
function facetOptions(counts: Record<string, number>, chosen: string | undefined, label: (code: string) => string) {
  const codes = Object.keys(counts).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b));
  if (chosen && !codes.includes(chosen)) codes.unshift(chosen);
  return codes.map((code) => ({ code, label: label(code), n: counts[code] ?? 0 }));
}

/** The results page's facets: kind, category, type, region, availability, price mode, verified — each a URL change. */
export function SearchFacets(props: {
  state: SearchState;
  facets: Facets | undefined;
  regionLabel: (code: string) => string;
  typeLabel: (code: string) => string;
  onChange: (next: SearchState) => void;
}) {
  const { state, facets, onChange } = props;
  const t = useT("search");
  const set = (patch: Partial<SearchState>) => onChange({ ...state, ...patch });
  const counted = (label: string, n: number) => t("facets.count", { label, n });
  const select = (
    key: "category" | "typeCode" | "region" | "priceMode",
    title: string,
    label: (code: string) => string,
  ) => {
    const options = facetOptions(facets?.[key === "region" ? "region" : key] ?? {}, state[key], label);
    return (
      <Field id={`sf-${key}`} label={title}>
        <Select value={state[key] ?? ""} onChange={(e) => set({ [key]: e.target.value || undefined } as Partial<SearchState>)} data-testid={`facet-${key}`}>
          <option value="">{t("facets.any")}</option>
          {options.map((o) => <option key={o.code} value={o.code}>{counted(o.label, o.n)}</option>)}
        </Select>
      </Field>
    );
  };
  const kind = state.kind?.length === 1 ? state.kind[0] : "";
  return (
    <form className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("facets.heading")} data-testid="search-facets" onSubmit={(e) => e.preventDefault()}>
      <h2 className="text-sm font-semibold text-slate-900">{t("facets.heading")}</h2>
      <Field id="sf-kind" label={t("facets.kind")}>
        <Select value={kind} onChange={(e) => set({ kind: e.target.value ? [e.target.value as (typeof SEARCH_KINDS)[number]] : undefined })} data-testid="facet-kind">
          <option value="">{t("facets.anyKind")}</option>
          {SEARCH_KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
        </Select>
      </Field>
      {select("category", t("facets.category"), (c) => (c in CATEGORY_KEYS ? t(`categories.${c as keyof typeof CATEGORY_KEYS}`) : c))}
      {select("typeCode", t("facets.typeCode"), props.typeLabel)}
      {select("region", t("facets.region"), props.regionLabel)}
      {select("priceMode", t("facets.priceMode"), (c) => (c in PRICE_KEYS ? t(`priceModes.${c as keyof typeof PRICE_KEYS}`) : c))}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("facets.available")}</legend>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className="size-4 accent-brand-600" checked={state.available === true} onChange={(e) => set({ available: e.target.checked ? true : undefined })} data-testid="facet-available" />
          {counted(t("facets.availableOnly"), facets?.available?.true ?? 0)}
        </label>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("facets.verified")}</legend>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className="size-4 accent-brand-600" checked={state.verified === true} onChange={(e) => set({ verified: e.target.checked ? true : undefined })} data-testid="facet-verified" />
          {counted(t("facets.verifiedOnly"), facets?.verified?.true ?? 0)}
        </label>
      </fieldset>
      <Button type="button" size="sm" variant="ghost" onClick={() => onChange({ q: state.q })} data-testid="facets-clear">{t("facets.clear")}</Button>
    </form>
  );
}

const CATEGORY_KEYS = { EXPERT: 1, TEAM: 1, EQUIPMENT: 1, MATERIAL: 1, SERVICE: 1, KNIGHT: 1 } as const;
const PRICE_KEYS = { FREE: 1, HOURLY: 1, DAILY: 1, PER_USE: 1, PER_KM: 1, PUBLIC_GOOD: 1, PAID: 1, REIMBURSABLE: 1 } as const;
