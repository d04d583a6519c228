"use client";

import type { ComponentProps } from "react";
import { useLocale } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { Select } from "@/components/ui/input";

export type RegionOption = { code: string; nameZh: string; nameEn: string; level: "PROVINCE" | "CITY" | "DISTRICT" };

const INDENT = { PROVINCE: "", CITY: "\u00a0\u00a0", DISTRICT: "\u00a0\u00a0\u00a0\u00a0" } as const;

/** GB/T 2260 regions in code order, indented by level (a province, then its cities and their districts). */
export function RegionSelect({
  regions,
  placeholder,
  excludeProvinces = false,
  ...props
}: ComponentProps<"select"> & { regions: RegionOption[]; placeholder: string; excludeProvinces?: boolean }) {
  const locale = useLocale();
  return (
    <Select defaultValue="" {...props}>
      <option value="">{placeholder}</option>
      {regions.map((r) => (
        <option key={r.code} value={r.code} disabled={excludeProvinces && r.level === "PROVINCE"}>
          {INDENT[r.level]}
          {localizedName(locale, r.nameZh, r.nameEn)}
        </option>
      ))}
    </Select>
  );
}
