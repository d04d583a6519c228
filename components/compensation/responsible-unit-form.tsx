"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useAction } from "@/components/compensation/use-action";

/** Names the unit responsible for the accident (事故责任单位); its approved costs become recoverable from it. */
export function ResponsibleUnitForm({ incidentId, current, canEdit }: { incidentId: string; current: string | null; canEdit: boolean }) {
  const t = useT("compensation");
  const trpc = useTRPC();
  const [name, setName] = useState(current ?? "");
  const { busy, error, run } = useAction();
  const save = useMutation(trpc.compensation.setResponsibleUnit.mutationOptions());
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void run(() => save.mutateAsync({ incidentId, name: name.trim() || null }));
  }
  return (
    <Card data-testid="responsible-unit">
      <CardHeader title={t("report.responsible.title")} description={current ? t("report.responsible.current", { name: current }) : t("report.responsible.none")} headingLevel={2} />
      {canEdit ? (
        <CardBody>
          <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2 print:hidden">
            <Field id="responsible-name" label={t("report.responsible.name")}>
              <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
            </Field>
            <Button type="submit" size="sm" disabled={busy}>{t("report.responsible.save")}</Button>
            {error ? <p role="alert" className="w-full text-sm text-red-700">{error}</p> : null}
          </form>
        </CardBody>
      ) : null}
    </Card>
  );
}
