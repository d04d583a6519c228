"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatMoney } from "@/components/orders/money";

type Show = { earnings: boolean; spend: boolean; fees: boolean; cardConfigured: boolean; incidentsHref: string };

/** The money pages in one: supplier earnings and payouts, requester spend per incident, platform fees. */
export function MoneyOverview(props: Show) {
  const t = useT("orders");
  const locale = useLocale();
  const trpc = useTRPC();
  const earnings = useQuery({ ...trpc.money.earnings.queryOptions(), enabled: props.earnings });
  const spend = useQuery({ ...trpc.money.spend.queryOptions(), enabled: props.spend });
  const fees = useQuery({ ...trpc.money.fees.queryOptions(), enabled: props.fees });
  const [error, setError] = useState<string | null>(null);
  const connect = useMutation(
    trpc.order.connect.mutationOptions({
      onSuccess: (r) => window.location.assign(r.url),
      onError: (e) => setError(t("pay.error", { message: e.message })),
    }),
  );
  const m = (c: number) => formatMoney(locale, c);

  return (
    <div className="space-y-6" data-testid="money-page">
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {props.earnings ? (
        <Card data-testid="money-earnings">
          <CardHeader title={t("money.earnings")} headingLevel={2} />
          <CardBody className="space-y-3 text-sm">
            {!props.cardConfigured ? <p>{t("money.cardOff")}</p> : null}
            {earnings.data && earnings.data.orgs.length > 0 ? (
              earnings.data.orgs.map((o) => (
                <div key={o.orgId} className="space-y-2">
                  <h3 className="font-medium text-slate-900">{o.name}</h3>
                  <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                    {([["earned", o.earnedCents], ["paidOut", o.paidOutCents], ["awaiting", o.awaitingCents], ["compensation", o.compensationOwedCents]] as const).map(([k, v]) => (
                      <div key={k} className="rounded-lg bg-slate-50 px-3 py-2">
                        <dt className="text-xs text-slate-600">{t(`money.${k}`)}</dt>
                        <dd className="tabular-nums font-semibold text-slate-900">{m(v)}</dd>
                      </div>
                    ))}
                  </dl>
                  {props.cardConfigured ? (
                    o.payoutsEnabled ? (
                      <p>{t("money.connectReady")}</p>
                    ) : (
                      <div className="flex flex-wrap items-center gap-2">
                        {o.connectAccount ? <span>{t("money.connectPending")}</span> : null}
                        <Button size="sm" disabled={connect.isPending} onClick={() => connect.mutate({ orgId: o.orgId, locale })}>
                          {t("money.connect")}
                        </Button>
                      </div>
                    )
                  ) : null}
                </div>
              ))
            ) : earnings.isPending ? null : (
              <p>{t("money.noEarnings")}</p>
            )}
          </CardBody>
        </Card>
      ) : null}

      {props.spend ? (
        <Card data-testid="money-spend">
          <CardHeader title={t("money.spend")} headingLevel={2} />
          <CardBody className="text-sm">
            {spend.data && spend.data.incidents.length > 0 ? (
              <div className="overflow-x-auto">
                <table className="w-full text-left">
                  <thead className="text-xs text-slate-600">
                    <tr>
                      {(["incident", "paid", "outstanding", "compensationCol", "inKind", "clearing"] as const).map((k) => (
                        <th key={k} scope="col" className="px-2 py-1 font-medium">{t(`money.${k}`)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {spend.data.incidents.map((i) => (
                      <tr key={i.incidentId} className="border-t border-slate-100">
                        <th scope="row" className="px-2 py-1 font-medium text-slate-900">{i.title}</th>
                        {[i.paidCents, i.outstandingCents, i.compensationCents, i.inKindCents, i.clearingCents].map((v, n) => (
                          <td key={n} className="px-2 py-1 tabular-nums">{m(v)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : spend.isPending ? null : (
              <EmptyState title={t("money.noSpend")} action={{ href: props.incidentsHref, label: t("list.emptyAction") }} />
            )}
          </CardBody>
        </Card>
      ) : null}

      {props.fees ? (
        <Card data-testid="money-fees">
          <CardHeader title={t("money.fees")} description={fees.data ? t("money.feesTotal", { amount: m(fees.data.totalCents) }) : undefined} headingLevel={2} />
          <CardBody className="space-y-3 text-sm">
            {fees.data && fees.data.byMonth.length > 0 ? (
              <table className="text-left">
                <thead className="text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="px-2 py-1 font-medium">{t("money.month")}</th>
                    <th scope="col" className="px-2 py-1 font-medium">{t("money.fee")}</th>
                  </tr>
                </thead>
                <tbody>
                  {fees.data.byMonth.map((r) => (
                    <tr key={r.month}>
                      <td className="px-2 py-1">{r.month}</td>
                      <td className="px-2 py-1 tabular-nums">{m(r.feeCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : fees.isPending ? null : (
              <p>{t("money.noFees")}</p>
            )}
            <h3 className="font-medium text-slate-900">{t("money.openItems")}</h3>
            {fees.data && fees.data.openItems.length > 0 ? (
              <ul className="space-y-1">
                {fees.data.openItems.map((o) => (
                  <li key={o.incidentId} className="flex justify-between gap-3">
                    <span>{o.title}</span>
                    <span className="tabular-nums">{m(o.balanceCents)}</span>
                  </li>
                ))}
              </ul>
            ) : fees.isPending ? null : (
              <p>{t("money.noOpenItems")}</p>
            )}
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
