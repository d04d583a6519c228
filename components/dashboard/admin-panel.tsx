import type { Locale } from "@/lib/i18n/config";
import { formatNumber } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/server";
import type { TAdminSummary } from "@/lib/schemas/dashboard";
import { localeHref, paths } from "@/components/layout/routes";
import { RolePanel } from "@/components/dashboard/role-panel";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Stat } from "@/components/ui/stat";

export async function AdminPanel({ locale, data }: { locale: Locale; data: TAdminSummary }) {
  const t = await getT(locale, "dashboard");
  const n = (v: number) => formatNumber(locale, v);
  const queue = localeHref(locale, paths.adminOrganizations);
  return (
    <RolePanel id="admin" title={t("admin.title")} testId="dashboard-admin">
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-5">
        <Stat
          label={t("admin.pendingOrgs")}
          value={n(data.pendingOrganizations)}
          hint={data.pendingOrganizations > 0 ? t("admin.pendingOrgsHint") : undefined}
          emphasis={data.pendingOrganizations > 0}
          href={queue}
          data-testid="admin-pending-orgs"
        />
        <Stat
          label={t("admin.organizations")}
          value={n(data.organizations)}
          hint={t("admin.organizationsHint", { verified: n(data.verifiedOrganizations) })}
          data-testid="admin-orgs"
        />
        <Stat
          label={t("admin.resources")}
          value={n(data.resources)}
          hint={t("admin.resourcesHint", { available: n(data.availableResources) })}
          data-testid="admin-resources"
        />
        <Stat
          label={t("admin.knights")}
          value={n(data.knights)}
          hint={t("admin.knightsHint", { onDuty: n(data.knightsOnDuty) })}
          data-testid="admin-knights"
        />
        <Stat label={t("admin.activeIncidents")} value={n(data.activeIncidents)} data-testid="admin-active-incidents" />
      </div>
      {data.pendingOrganizations === 0 ? (
        <EmptyState title={t("admin.queueEmptyTitle")} description={t("admin.queueEmptyBody")} data-testid="admin-queue-empty" />
      ) : (
        <div className="flex flex-col items-start gap-3 rounded-[var(--radius-card)] border border-brand-200 bg-brand-50 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm font-medium text-brand-900">{t("admin.queueTitle")}</p>
          <ButtonLink href={queue} size="sm" data-testid="admin-queue-link">
            {t("admin.queueAction", { count: n(data.pendingOrganizations) })}
          </ButtonLink>
        </div>
      )}
    </RolePanel>
  );
}
