"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { CLAIM_LINE_KINDS } from "@/lib/schemas/compensation";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { yuanToCents } from "@/components/compensation/money";
import { useAction } from "@/components/compensation/use-action";

const KINDS = CLAIM_LINE_KINDS.filter((k) => k !== "STANDBY");

/** A supplier records one of its own costs on a public-good assignment (donated, never payable). */
export function RecordCostForm({ assignmentId }: { assignmentId: string }) {
  const t = useT("compensation");
  const trpc = useTRPC();
  const [kind, setKind] = useState<(typeof KINDS)[number]>("FUEL");
  const [description, setDescription] = useState("");
  const [amount, setAmount] = useState("");
  const { busy, error, run } = useAction();
  const record = useMutation(trpc.compensation.recordCost.mutationOptions());
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (await run(() => record.mutateAsync({ assignmentId, kind, description, amountCents: yuanToCents(amount) ?? -1 }))) {
      setDescription("");
      setAmount("");
    }
  }
  const id = (k: string) => `cost-${assignmentId}-${k}`;
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="flex flex-wrap items-end gap-2" data-testid="record-cost-form">
      <Field id={id("kind")} label={t("claim.kind")}>
        <Select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>{KINDS.map((k) => <option key={k} value={k}>{t(`claim.kinds.${k}`)}</option>)}</Select>
      </Field>
      <Field id={id("description")} label={t("claim.description")} required>
        <Input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} required />
      </Field>
      <Field id={id("amount")} label={t("claim.amountYuan")} required>
        <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
      </Field>
      <Button type="submit" size="sm" disabled={busy}>{t("publicGood.record")}</Button>
      {error ? <p role="alert" className="w-full text-sm text-red-700">{error}</p> : null}
    </form>
  );
}
