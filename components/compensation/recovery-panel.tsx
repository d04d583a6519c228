"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import type { ZRecoveryStatus } from "@/lib/schemas/cost-recovery";
import { formatDateTime } from "@/lib/i18n/format";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { formatYuan, yuanToCents } from "@/components/compensation/money";

type Status = z.infer<typeof ZRecoveryStatus>;
type ErrorKey = "amount" | "reference" | "requestId" | "noResponsibleUnit" | "nothingOwed" | "overRecoverable";
const ERROR_KEYS: ErrorKey[] = ["amount", "reference", "requestId", "noResponsibleUnit", "nothingOwed", "overRecoverable"];

/**
 * Recoverable / recovered / still owed per responsible unit, the repayments so far, and (for the incident's
 * dispatchers) the form to record one. One request id per form value, so a double submit posts once.
 */
export function RecoveryPanel({ incidentId, recovery, canEdit }: { incidentId: string; recovery: Status; canEdit: boolean }) {
  const t = useT("costRecovery");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(trpc.compensation.recordRecovery.mutationOptions());
  const [amount, setAmount] = useState("");
  const [reference, setReference] = useState("");
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<{ amountCents?: string; reference?: string; form?: string }>({});
  const y = (c: number) => formatYuan(locale, c);
  const owed = recovery.units.reduce((s, u) => s + u.owedCents, 0);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const cents = yuanToCents(amount);
    if (cents === null || cents <= 0) return setErrors({ amountCents: t("errors.amount") });
    setErrors({});
    try {
      await save.mutateAsync({ incidentId, amountCents: cents, reference: reference.trim() || undefined, requestId });
      setAmount("");
      setReference("");
      setRequestId(crypto.randomUUID());
      router.refresh();
    } catch (err) {
      const fe = (err as { data?: { fieldErrors?: Record<string, string[]> } }).data?.fieldErrors ?? {};
      const msg = (k?: string) => {
        const key = k?.replace(/^errors\./, "") as ErrorKey | undefined;
        return key && ERROR_KEYS.includes(key) ? t(`errors.${key}`) : undefined;
      };
      const amountMsg = msg(fe.amountCents?.[0]);
      const refMsg = msg(fe.reference?.[0]);
      const other = msg(fe.incidentId?.[0]) ?? msg(fe.requestId?.[0]);
      setErrors({ amountCents: amountMsg, reference: refMsg, form: amountMsg || refMsg ? undefined : (other ?? t("errors.generic", { message: err instanceof Error ? err.message : String(err) })) });
    }
  }

  return (
    <Card data-testid="recovery-panel">
      <CardHeader title={t("title")} description={t("description")} headingLevel={2} />
      <CardBody className="space-y-4 text-sm">
        {recovery.units.length === 0 ? <p data-testid="recovery-none">{t("none")}</p> : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left" data-testid="recovery-table">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="text-slate-700">
                <tr>{(["unit", "recoverable", "recovered", "owed"] as const).map((c) => <th key={c} scope="col" className="px-2 py-1 font-medium">{t(`col.${c}`)}</th>)}</tr>
              </thead>
              <tbody>
                {recovery.units.map((u) => (
                  <tr key={u.orgId ?? u.name} data-testid="recovery-unit">
                    <td className="px-2 py-1">{u.name}</td>
                    <td className="px-2 py-1 whitespace-nowrap">{y(u.recoverableCents)}</td>
                    <td className="px-2 py-1 whitespace-nowrap">{y(u.recoveredCents)}</td>
                    <td className="px-2 py-1 whitespace-nowrap font-medium" data-testid="recovery-owed">{y(u.owedCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {recovery.payments.length > 0 ? (
          <div>
            <h3 className="font-medium">{t("payments")}</h3>
            <ul className="list-disc pl-5" data-testid="recovery-payments">
              {recovery.payments.map((p) => <li key={p.journalId}>{t("paymentLine", { at: formatDateTime(locale, p.at), amount: y(p.cents) })}{p.reference ? ` — ${p.reference}` : ""}</li>)}
            </ul>
          </div>
        ) : null}
        {canEdit && owed > 0 ? (
          <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2 print:hidden" noValidate>
            <Field id="recovery-amount" label={t("amount")} error={errors.amountCents} required>
              <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </Field>
            <Field id="recovery-reference" label={t("reference")} error={errors.reference}>
              <Input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={200} />
            </Field>
            <Button type="submit" size="sm" disabled={save.isPending}>{t("save")}</Button>
            {errors.form ? <p role="alert" className="w-full text-red-700">{errors.form}</p> : null}
          </form>
        ) : null}
      </CardBody>
    </Card>
  );
}
