"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { QuoteSummary } from "@/components/orders/quote-summary";
import { formatMoney } from "@/components/orders/money";
import { RefundAfterPayoutForm } from "@/components/orders/refund-after-payout-form";

/** One order: quote, state, the payment step (card or invoice), the cancellation policy, settlement. */
export function OrderDetail({ id }: { id: string }) {
  const t = useT("orders");
  const tOffers = useT("offers");
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const detail = useQuery(trpc.order.detail.queryOptions({ id }));
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = () => {
    setNotice(t("pay.done"));
    void qc.invalidateQueries({ queryKey: trpc.order.detail.queryKey({ id }) });
  };
  const onError = (e: unknown) => setError(t("pay.error", { message: e instanceof Error ? e.message : String(e) }));
  const pay = useMutation(
    trpc.order.pay.mutationOptions({
      onSuccess: (step) => {
        if (step.mode === "STRIPE") {
          setNotice(t("pay.redirecting"));
          window.location.assign(step.checkoutUrl);
        } else done();
      },
      onError,
    }),
  );
  const cancel = useMutation(trpc.order.cancel.mutationOptions({ onSuccess: done, onError }));
  const settle = useMutation(trpc.order.settle.mutationOptions({ onSuccess: done, onError }));
  const confirm = useMutation(trpc.order.confirmInvoice.mutationOptions({ onSuccess: done, onError }));
  const busy = pay.isPending || cancel.isPending || settle.isPending || confirm.isPending;

  if (detail.isPending) return <p className="text-sm text-slate-500" aria-busy="true">…</p>;
  if (detail.isError) return <p role="alert" className="text-sm text-red-700" data-testid="order-not-found">{t("detail.notFound")}</p>;
  const { order: o, can, cancellation, cardConfigured } = detail.data;
  const money = (c: number) => formatMoney(locale, c, o.currency);
  const due = o.amountCents - o.refundedCents;

  return (
    <div className="space-y-4" data-testid="order-detail" data-status={o.status}>
      <Card>
        <CardHeader
          title={o.needTitle ?? o.id}
          description={t("detail.parties", { buyer: o.buyerOrgName, seller: o.sellerOrgName ?? "—" })}
          action={<Badge tone={o.status === "SETTLED" ? "success" : "warning"}><span data-testid="order-status">{t(`status.${o.status}`)}</span></Badge>}
          headingLevel={2}
        />
        <CardBody className="space-y-3 text-sm text-slate-700">
          <ul className="space-y-1">
            {o.incidentTitle ? <li>{t("detail.need", { need: o.needTitle ?? "—", incident: o.incidentTitle })}</li> : null}
            {o.resourceTitle ? <li>{t("detail.resource", { resource: o.resourceTitle })}</li> : null}
            {o.assignmentStatus ? <li>{t("detail.operation", { status: tOffers(`status.${o.assignmentStatus}` as "status.ACCEPTED") })}</li> : null}
            {o.refundedCents > 0 ? <li>{t("detail.refunded", { amount: money(o.refundedCents) })}</li> : null}
            {o.feeCents > 0 ? <li>{t("detail.fee", { amount: money(o.feeCents) })}</li> : null}
          </ul>
          <p className="rounded-lg bg-slate-50 px-3 py-2">{t("detail.principle")}</p>
          {o.quote ? <QuoteSummary quote={o.quote} /> : null}
        </CardBody>
      </Card>

      {notice ? <p role="status" className="rounded-lg bg-emerald-50 px-4 py-2 text-sm text-emerald-800" data-testid="order-notice">{notice}</p> : null}
      {error ? <p role="alert" className="rounded-lg bg-red-50 px-4 py-2 text-sm text-red-800">{error}</p> : null}

      <Card data-testid="payment-step">
        <CardHeader title={t("pay.title")} headingLevel={2} />
        <CardBody className="space-y-3 text-sm text-slate-700">
          {!cardConfigured ? <p data-testid="card-not-configured">{t("pay.cardNotConfigured")}</p> : null}
          {o.status === "PAYABLE" && o.settlementMode === "INVOICE" ? <p data-testid="invoice-open">{t("pay.invoiceOpen", { amount: money(due) })}</p> : null}
          <div className="flex flex-wrap gap-2">
            {can.pay ? (
              <Button disabled={busy} onClick={() => pay.mutate({ id, invoice: false, locale })} data-testid="order-pay-card">
                {t("pay.card")}
              </Button>
            ) : null}
            {can.payByInvoice ? (
              <Button variant={can.pay ? "outline" : "primary"} disabled={busy} onClick={() => pay.mutate({ id, invoice: true, locale })} data-testid="order-pay-invoice">
                {t("pay.invoice")}
              </Button>
            ) : null}
            {can.confirmInvoice ? (
              <Button disabled={busy} onClick={() => confirm.mutate({ id })} data-testid="order-confirm-invoice">
                {t("pay.confirmInvoice")}
              </Button>
            ) : null}
            {can.settle ? (
              <Button disabled={busy} onClick={() => settle.mutate({ id })} data-testid="order-settle">
                {t("pay.settle")}
              </Button>
            ) : null}
          </div>
        </CardBody>
      </Card>

      {cancellation ? (
        <Card data-testid="cancel-policy">
          <CardHeader title={t("cancel.title")} headingLevel={2} />
          <CardBody className="space-y-3 text-sm text-slate-700">
            <p>
              {cancellation.mobilized
                ? t("cancel.after", { refund: money(cancellation.refundCents), kept: money(cancellation.keptCents) })
                : t("cancel.before", { refund: money(cancellation.refundCents) })}
            </p>
            {can.cancel ? (
              <Button variant="danger" disabled={busy} onClick={() => cancel.mutate({ id })} data-testid="order-cancel">
                {t("cancel.confirm")}
              </Button>
            ) : null}
          </CardBody>
        </Card>
      ) : null}
      {can.refundAfterPayout ? <RefundAfterPayoutForm orderId={id} leftCents={due} currency={o.currency} invoice={o.settlementMode === "INVOICE"} /> : null}
    </div>
  );
}
