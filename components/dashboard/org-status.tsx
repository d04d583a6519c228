import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TDashboardOrg } from "@/lib/schemas/dashboard";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";

const TONE: Record<TDashboardOrg["verification"], BadgeTone> = { PENDING: "warning", VERIFIED: "success", REJECTED: "danger" };

/** The caller's organisations with their verification state and what it means for them. */
export async function OrgStatus({ locale, orgs }: { locale: Locale; orgs: TDashboardOrg[] }) {
  const t = await getT(locale, "dashboard");
  const tc = await getT(locale, "common");
  if (orgs.length === 0) {
    return (
      <EmptyState
        title={t("org.none")}
        description={t("org.noneBody")}
        data-testid="org-none"
      />
    );
  }
  return (
    <ul className="space-y-3">
      {orgs.map((org) => {
        const message =
          org.verification === "VERIFIED"
            ? t("org.verified")
            : org.verification === "PENDING"
              ? t("org.pending")
              : org.rejectionReason
                ? t("org.rejected", { reason: org.rejectionReason })
                : t("org.rejectedNoReason");
        return (
          <li
            key={org.id}
            className="flex flex-col gap-2 rounded-[var(--radius-card)] border border-slate-200 bg-white px-5 py-4 shadow-[var(--shadow-card)] sm:flex-row sm:items-center sm:justify-between"
            data-testid="org-status"
            data-verification={org.verification}
          >
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">{localizedName(locale, org.name, org.nameEn)}</span>
                <span className="text-xs text-slate-500">{tc(`orgKinds.${org.kind}`)}</span>
              </p>
              <p className="mt-0.5 text-sm text-slate-600">{message}</p>
            </div>
            <Badge tone={TONE[org.verification]} dot>
              {tc(`verification.${org.verification}`)}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}
