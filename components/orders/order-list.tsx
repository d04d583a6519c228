"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/i18n/format";
import { useTRPC } from "@/lib/trpc/react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatMoney } from "@/components/orders/money";

/** The caller's orders, bought or sold, newest first. */
export function OrderList({ incidentsHref }: { incidentsHref: string }) {
  const t = useT("orders");
  const locale = useLocale();
  const trpc = useTRPC();
  const list = useQuery(trpc.order.list.queryOptions({ limit: 100 }));
  if (list.isPending) return <p className="text-sm text-slate-500" aria-busy="true">…</p>;
  if (list.isError) return <p role="alert" className="text-sm text-red-700">{t("pay.error", { message: list.error.message })}</p>;
  if (list.data.items.length === 0) {
    return <EmptyState title={t("list.empty")} action={{ href: incidentsHref, label: t("list.emptyAction") }} data-testid="orders-empty" />;
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="orders-list">
      {list.data.items.map((o) => (
        <li key={o.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
          <div className="min-w-0">
            <p className="font-medium text-slate-900">{o.needTitle ?? o.id}</p>
            <p className="text-xs text-slate-600">
              {t(`list.side.${o.side}`)} · {o.side === "buyer" ? o.sellerOrgName : o.buyerOrgName} · {formatDateTime(locale, o.createdAt)}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <span className="tabular-nums">{formatMoney(locale, o.amountCents, o.currency)}</span>
            <Badge tone={o.status === "SETTLED" ? "success" : o.status === "CANCELLED" || o.status === "REFUNDED" ? "neutral" : "warning"}>{t(`status.${o.status}`)}</Badge>
            <Link className="text-sky-700 underline" href={`/${locale}/orders/${o.id}`} data-testid="order-open">
              {t("list.open")}
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
