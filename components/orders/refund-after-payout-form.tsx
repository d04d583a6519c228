"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { ZRefundAfterPayoutInput } from "@/lib/schemas/refund-after-payout";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { formatMoney } from "@/components/orders/money";
import { yuanToCents } from "@/components/compensation/money";

/** The buyer refunds (part of) a settled order: card → Stripe refund + transfer reversal; invoice → owed back. */
export function RefundAfterPayoutForm({ orderId, leftCents, currency, invoice }: { orderId: string; leftCents: number; currency: string; invoice: boolean }) {
  const t = useT("refunds");
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [amount, setAmount] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const money = (c: number) => formatMoney(locale, c, currency);
  const refund = useMutation(trpc.order.refundAfterPayout.mutationOptions());

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const cents = yuanToCents(amount);
    const parsed = ZRefundAfterPayoutInput.safeParse({ orderId, amountCents: cents ?? Number.NaN });
    if (!parsed.success || parsed.data.amountCents > leftCents) return setFieldError(t("errors.refundAmount"));
    setFieldError(undefined);
    try {
      const r = await refund.mutateAsync(parsed.data);
      setAmount("");
      setMessage({ ok: true, text: r.mode === "STRIPE" ? t("doneCard", { amount: money(parsed.data.amountCents), reversed: money(r.reversedCents) }) : t("doneInvoice", { amount: money(r.owedBySupplierCents) }) });
      void qc.invalidateQueries({ queryKey: trpc.order.detail.queryKey({ id: orderId }) });
    } catch (err) {
      const key = (err as { data?: { fieldErrors?: Record<string, string[]> } }).data?.fieldErrors?.amountCents?.[0];
      if (key === "errors.refundAmount") setFieldError(t("errors.refundAmount"));
      else setMessage({ ok: false, text: t("errors.generic", { message: err instanceof Error ? err.message : String(err) }) });
    }
  }

  return (
    <Card data-testid="refund-after-payout">
      <CardHeader title={t("title")} description={invoice ? t("invoice") : t("card")} headingLevel={2} />
      <CardBody>
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" noValidate>
          <Field id="refund-amount" label={t("amount", { max: money(leftCents) })} error={fieldError} required>
            <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </Field>
          <Button type="submit" variant="danger" size="sm" disabled={refund.isPending} data-testid="refund-submit">{t("submit")}</Button>
          {message ? <p role={message.ok ? "status" : "alert"} className={message.ok ? "w-full text-sm text-emerald-700" : "w-full text-sm text-red-700"}>{message.text}</p> : null}
        </form>
      </CardBody>
    </Card>
  );
}
