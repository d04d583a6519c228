"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { yuanToCents } from "@/components/compensation/money";
import { useAction } from "@/components/compensation/use-action";

/** Publishes a new rate-card version for one resource type (never edits an old one). */
export function RateCardForm({ types }: { types: { id: string; name: string }[] }) {
  const t = useT("compensation");
  const trpc = useTRPC();
  const [typeId, setTypeId] = useState(types[0]?.id ?? "");
  const [rentUnit, setRentUnit] = useState<"HOUR" | "DAY">("HOUR");
  const [rent, setRent] = useState("");
  const [operator, setOperator] = useState("0");
  const [fuel, setFuel] = useState("0");
  const [from, setFrom] = useState("");
  const [note, setNote] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const create = useMutation(trpc.compensation.createRateCard.mutationOptions({ onSuccess: (c) => setDone(t("rateCards.created", { version: c.version })) }));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    void run(() => create.mutateAsync({
      typeId, rentUnit, rentCents: yuanToCents(rent) ?? -1, operatorCentsPerHour: yuanToCents(operator) ?? -1, fuelCentsPerKm: yuanToCents(fuel) ?? -1,
      effectiveFrom: from ? new Date(from) : undefined, note: note.trim() || undefined,
    }));
  }
  return (
    <Card>
      <CardHeader title={t("rateCards.create")} headingLevel={2} />
      <CardBody>
        <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-3" data-testid="rate-card-form">
          <Field id="rc-type" label={t("rateCards.type")} className="sm:col-span-2">
            <Select value={typeId} onChange={(e) => setTypeId(e.target.value)}>{types.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</Select>
          </Field>
          <Field id="rc-unit" label={t("rateCards.rentUnit")}>
            <Select value={rentUnit} onChange={(e) => setRentUnit(e.target.value as "HOUR" | "DAY")}>
              <option value="HOUR">{t("decision.unitHOUR")}</option>
              <option value="DAY">{t("decision.unitDAY")}</option>
            </Select>
          </Field>
          <Field id="rc-rent" label={t("rateCards.rentYuan")} required><Input inputMode="decimal" value={rent} onChange={(e) => setRent(e.target.value)} required /></Field>
          <Field id="rc-operator" label={t("rateCards.operatorYuan")}><Input inputMode="decimal" value={operator} onChange={(e) => setOperator(e.target.value)} /></Field>
          <Field id="rc-fuel" label={t("rateCards.fuelYuan")}><Input inputMode="decimal" value={fuel} onChange={(e) => setFuel(e.target.value)} /></Field>
          <Field id="rc-from" label={t("rateCards.effectiveFrom")}><Input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} /></Field>
          <Field id="rc-note" label={t("rateCards.note")} className="sm:col-span-2"><Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} /></Field>
          <div className="sm:col-span-3"><Button type="submit" disabled={busy || !typeId}>{t("rateCards.create")}</Button></div>
          {done ? <p role="status" className="text-sm text-green-700 sm:col-span-3">{done}</p> : null}
          {error ? <p role="alert" className="text-sm text-red-700 sm:col-span-3">{error}</p> : null}
        </form>
      </CardBody>
    </Card>
  );
}
