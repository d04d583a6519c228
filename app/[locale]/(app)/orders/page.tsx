import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { OrderList } from "@/components/orders/order-list";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "orders");
  return { title: t("meta.list") };
}

/** Orders of paid needs, bought or sold by the caller's organisations. */
export default async function OrdersPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.orders));
  const t = await getT(locale, "orders");
  return (
    <div data-testid="orders-page">
      <PageHeader title={t("header.listTitle")} subtitle={t("header.listSubtitle")} />
      {can(actor.roles, "order.read") ? (
        <OrderList incidentsHref={`/${locale}${paths.incidents}`} />
      ) : (
        <EmptyState title={t("list.empty")} />
      )}
    </div>
  );
}
