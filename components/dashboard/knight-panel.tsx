import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TKnightSummary } from "@/lib/schemas/dashboard";
import { RolePanel } from "@/components/dashboard/role-panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Stat } from "@/components/ui/stat";
import { ButtonLink } from "@/components/ui/button";
import { localeHref, paths } from "@/components/layout/routes";

export async function KnightPanel({ locale, data }: { locale: Locale; data: TKnightSummary }) {
  const t = await getT(locale, "dashboard");
  const n = (v: number) => formatNumber(locale, v);
  const p = data.profile;
  if (!p) {
    return (
      <RolePanel id="knight" title={t("knight.title")} testId="dashboard-knight">
        <EmptyState title={t("knight.emptyTitle")} description={t("knight.emptyBody")} data-testid="knight-empty" />
      </RolePanel>
    );
  }
  const district = localizedName(locale, p.homeDistrict.nameZh, p.homeDistrict.nameEn);
  return (
    <RolePanel
      id="knight"
      title={t("knight.title")}
      testId="dashboard-knight"
      actions={
        <ButtonLink href={localeHref(locale, paths.knightHome)} size="sm" data-testid="knight-open-app">
          {t("knight.openApp")}
        </ButtonLink>
      }
      badge={
        <Badge tone={p.onDuty ? "success" : "neutral"} dot data-testid="knight-duty-state">
          {p.onDuty ? t("knight.onDuty") : t("knight.offDuty")}
          {p.onDuty && p.onDutySince ? ` · ${t("knight.onDutySince", { time: formatDateTime(locale, p.onDutySince) })}` : ""}
        </Badge>
      }
    >
      {p.suspended ? (
        <p role="status" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {t("knight.suspended")}
        </p>
      ) : !p.onDuty ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">{t("knight.offDutyHint")}</p>
      ) : null}
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-5">
        <Stat label={t("knight.points")} value={n(p.points)} emphasis data-testid="knight-points" />
        <Stat label={t("knight.completed")} value={n(p.completedCount)} data-testid="knight-completed" />
        <Stat
          label={t("knight.rank")}
          value={data.districtRank ? t("knight.rankValue", { rank: n(data.districtRank.rank) }) : t("knight.rankNone")}
          hint={data.districtRank ? t("knight.rankHint", { district, total: n(data.districtRank.of) }) : undefined}
          data-testid="knight-rank"
        />
        <Stat
          label={t("knight.pendingOffers")}
          value={n(data.pendingOffers)}
          emphasis={data.pendingOffers > 0}
          data-testid="knight-pending-offers"
        />
        <Stat label={t("knight.activeTasks")} value={n(data.activeTasks)} data-testid="knight-active-tasks" />
      </div>
    </RolePanel>
  );
}
