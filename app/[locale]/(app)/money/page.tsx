import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { MoneyOverview } from "@/components/orders/money-overview";
import { cardPaymentConfigured } from "@/server/modules/payments/stripe-client";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "orders");
  return { title: t("meta.money") };
}

/** Earnings and payouts (suppliers), spend per incident (requesters), platform fees (admins). */
export default async function MoneyPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.money));
  const t = await getT(locale, "orders");
  const supplier = actor.roles.includes("SUPPLIER") || actor.roles.includes("EXPERT");
  return (
    <div data-testid="money-page-root">
      <PageHeader title={t("header.moneyTitle")} subtitle={t("header.moneySubtitle")} />
      {can(actor.roles, "money.read") ? (
        <MoneyOverview
          earnings={supplier}
          spend={actor.roles.includes("REQUESTER")}
          fees={can(actor.roles, "money.platform")}
          cardConfigured={cardPaymentConfigured()}
          incidentsHref={`/${locale}${paths.incidents}`}
        />
      ) : (
        <EmptyState title={t("money.noSpend")} />
      )}
    </div>
  );
}
