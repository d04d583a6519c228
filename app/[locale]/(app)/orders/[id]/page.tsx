import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { OrderDetail } from "@/components/orders/order-detail";

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "orders");
  return { title: t("meta.detail") };
}

/** One order and its payment step; the procedure scopes it to the buying or selling organisation. */
export default async function OrderPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id } = await params;
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, `${paths.orders}/${encodeURIComponent(id)}`));
  const t = await getT(locale, "orders");
  return (
    <div data-testid="order-page">
      <PageHeader title={t("meta.detail")} />
      {can(actor.roles, "order.read") ? <OrderDetail id={id} /> : <EmptyState title={t("detail.notFound")} />}
    </div>
  );
}
