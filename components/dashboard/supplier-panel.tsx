import type { Locale } from "@/lib/i18n/config";
import { formatNumber } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/server";
import type { TExpertSummary, TSupplierSummary } from "@/lib/schemas/dashboard";
import { ListingBreakdown } from "@/components/dashboard/listing-breakdown";
import { OrgStatus } from "@/components/dashboard/org-status";
import { RolePanel } from "@/components/dashboard/role-panel";
import { EmptyState } from "@/components/ui/empty-state";
import { Stat } from "@/components/ui/stat";

/** Figures shared by suppliers and experts: offers to answer, call-outs running, listings by status. */
async function ListingFigures({
  locale,
  ns,
  data,
}: {
  locale: Locale;
  ns: "supplier" | "expert";
  data: TSupplierSummary | TExpertSummary;
}) {
  const t = await getT(locale, "dashboard");
  const n = (v: number) => formatNumber(locale, v);
  if (data.listings.total === 0) {
    return (
      <EmptyState title={t(`${ns}.emptyTitle`)} description={t(`${ns}.emptyBody`)} data-testid={`${ns}-empty`} />
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <div className="grid content-start gap-4 sm:grid-cols-3 lg:col-span-2">
        <Stat
          label={t(`${ns}.pendingOffers`)}
          value={n(data.pendingOffers)}
          hint={data.pendingOffers > 0 ? t("supplier.pendingOffersHint") : undefined}
          emphasis={data.pendingOffers > 0}
          data-testid={`${ns}-pending-offers`}
        />
        <Stat label={t(`${ns}.activeAssignments`)} value={n(data.activeAssignments)} data-testid={`${ns}-active-assignments`} />
        <Stat label={t(`${ns}.totalListings`)} value={n(data.listings.total)} data-testid={`${ns}-listings-total`} />
      </div>
      <ListingBreakdown locale={locale} title={t("supplier.listingsTitle")} counts={data.listings} />
    </div>
  );
}

export async function SupplierPanel({ locale, data }: { locale: Locale; data: TSupplierSummary }) {
  const t = await getT(locale, "dashboard");
  return (
    <RolePanel id="supplier" title={t("supplier.title")} testId="dashboard-supplier">
      <OrgStatus locale={locale} orgs={data.orgs} />
      {data.orgs.length > 0 ? <ListingFigures locale={locale} ns="supplier" data={data} /> : null}
    </RolePanel>
  );
}

export async function ExpertPanel({ locale, data }: { locale: Locale; data: TExpertSummary }) {
  const t = await getT(locale, "dashboard");
  return (
    <RolePanel id="expert" title={t("expert.title")} testId="dashboard-expert">
      <ListingFigures locale={locale} ns="expert" data={data} />
    </RolePanel>
  );
}
