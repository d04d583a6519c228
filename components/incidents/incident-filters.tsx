import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { INCIDENT_KINDS, INCIDENT_STATUSES, SEVERITIES, type TListIncidentsInput } from "@/lib/schemas/incidents";
import { localeHref } from "@/components/layout/routes";
import { RegionSelect, type RegionOption } from "@/components/auth/region-select";
import { incidentsPath } from "@/components/incidents/incident-view";
import { Button, ButtonLink } from "@/components/ui/button";
import { Select } from "@/components/ui/input";

type Filters = Pick<TListIncidentsInput, "status" | "kind" | "severity" | "regionCode">;

/** A plain GET form: filters live in the URL (shareable, back button works, no JavaScript needed). */
export async function IncidentFilters({ locale, filters, regions }: { locale: Locale; filters: Filters; regions: RegionOption[] }) {
  const t = await getT(locale, "incidents");
  const label = "block text-xs font-medium text-slate-600";
  return (
    <form
      method="get"
      action={localeHref(locale, incidentsPath)}
      aria-label={t("filters.label")}
      className="mb-6 grid gap-3 rounded-[var(--radius-card)] border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto]"
      data-testid="incident-filters"
    >
      <label className="space-y-1">
        <span className={label}>{t("filters.status")}</span>
        <Select name="status" defaultValue={filters.status ?? ""} data-testid="filter-status">
          <option value="">{t("filters.any")}</option>
          {INCIDENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </Select>
      </label>
      <label className="space-y-1">
        <span className={label}>{t("filters.kind")}</span>
        <Select name="kind" defaultValue={filters.kind ?? ""} data-testid="filter-kind">
          <option value="">{t("filters.any")}</option>
          {INCIDENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </Select>
      </label>
      <label className="space-y-1">
        <span className={label}>{t("filters.severity")}</span>
        <Select name="severity" defaultValue={filters.severity ?? ""} data-testid="filter-severity">
          <option value="">{t("filters.any")}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </Select>
      </label>
      <label className="space-y-1">
        <span className={label}>{t("filters.region")}</span>
        <RegionSelect name="region" regions={regions} placeholder={t("filters.any")} defaultValue={filters.regionCode ?? ""} data-testid="filter-region" />
      </label>
      <div className="flex items-end gap-2">
        <Button type="submit" data-testid="filter-apply">
          {t("filters.apply")}
        </Button>
        <ButtonLink href={localeHref(locale, incidentsPath)} variant="ghost">
          {t("filters.reset")}
        </ButtonLink>
      </div>
    </form>
  );
}
