"use client";

import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { PRICING_MODES } from "@/lib/schemas/listing-browse";
import type { BrowseState } from "@/components/listings/browse/browse-url";

export type RegionOption = { code: string; label: string; level: string };
export type TypeOption = { code: string; label: string; category: string };

const CATEGORIES = ["EQUIPMENT", "MATERIAL", "TEAM", "EXPERT", "SERVICE"] as const;

type Props = {
  state: BrowseState;
  regions: RegionOption[];
  types: TypeOption[];
  nearMode: "off" | "me" | "center";
  onChange(next: BrowseState): void;
  onNearMode(mode: "off" | "me" | "center"): void;
  onReset(): void;
  onInMapArea(checked: boolean): void;
};

/** The filter sidebar; collapsible on small screens (a <details> that is open on large ones). */
export function BrowseFilters({ state, regions, types, nearMode, onChange, onNearMode, onReset, onInMapArea }: Props) {
  const t = useT("browse");
  const [q, setQ] = useState(state.q ?? "");
  const set = (patch: Partial<BrowseState>) => onChange({ ...state, ...patch });
  const visibleTypes = state.category ? types.filter((ty) => ty.category === state.category) : types;

  return (
    <details open className="group rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-4" data-testid="browse-filters">
      <summary className="cursor-pointer text-sm font-semibold text-slate-900 lg:pointer-events-none lg:list-none">
        {t("filters.heading")}
      </summary>
      <form
        className="mt-4 space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q.trim() || undefined });
        }}
      >
        <Field id="f-q" label={t("filters.q")}>
          <Input type="search" value={q} placeholder={t("filters.qPlaceholder")} onChange={(e) => setQ(e.target.value)} data-testid="filter-q" />
        </Field>
        <Field id="f-category" label={t("filters.category")}>
          <Select
            value={state.category ?? ""}
            data-testid="filter-category"
            onChange={(e) => set({ category: (e.target.value || undefined) as BrowseState["category"], typeCode: undefined })}
          >
            <option value="">{t("filters.anyCategory")}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>{t(`categories.${c}`)}</option>
            ))}
          </Select>
        </Field>
        <Field id="f-type" label={t("filters.type")}>
          <Select value={state.typeCode ?? ""} data-testid="filter-type" onChange={(e) => set({ typeCode: e.target.value || undefined })}>
            <option value="">{t("filters.anyType")}</option>
            {visibleTypes.map((ty) => (
              <option key={ty.code} value={ty.code}>{ty.label}</option>
            ))}
          </Select>
        </Field>
        <Field id="f-region" label={t("filters.region")}>
          <Select value={state.regionCode ?? ""} data-testid="filter-region" onChange={(e) => set({ regionCode: e.target.value || undefined })}>
            <option value="">{t("filters.anyRegion")}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>{r.level === "DISTRICT" ? `\u00a0\u00a0${r.label}` : r.label}</option>
            ))}
          </Select>
        </Field>
        <Field id="f-pricing" label={t("filters.pricing")}>
          <Select
            value={state.pricingMode ?? ""}
            data-testid="filter-pricing"
            onChange={(e) => set({ pricingMode: (e.target.value || undefined) as BrowseState["pricingMode"] })}
          >
            <option value="">{t("filters.anyPricing")}</option>
            {PRICING_MODES.map((m) => (
              <option key={m} value={m}>{t(`pricing.${m}`)}</option>
            ))}
          </Select>
        </Field>
        <Field id="f-near" label={t("filters.near")}>
          <Select value={nearMode} data-testid="filter-near" onChange={(e) => onNearMode(e.target.value as Props["nearMode"])}>
            <option value="off">{t("filters.nearOff")}</option>
            <option value="me">{t("filters.nearMe")}</option>
            <option value="center">{t("filters.nearMapCenter")}</option>
          </Select>
        </Field>
        <fieldset className="space-y-2 text-sm text-slate-700">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={!!state.availableNow} data-testid="filter-available-now" onChange={(e) => set({ availableNow: e.target.checked || undefined })} />
            {t("filters.availableNow")}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={state.verifiedOnly !== false} onChange={(e) => set({ verifiedOnly: e.target.checked ? undefined : false })} />
            {t("filters.verifiedOnly")}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={!!state.bbox} data-testid="filter-in-map" onChange={(e) => onInMapArea(e.target.checked)} />
            {t("filters.inMapArea")}
          </label>
        </fieldset>
        <div className="flex gap-2">
          <Button type="submit" size="sm" data-testid="filter-apply">{t("filters.apply")}</Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => { setQ(""); onReset(); }}>{t("filters.reset")}</Button>
        </div>
      </form>
    </details>
  );
}
