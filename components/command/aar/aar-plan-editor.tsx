"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import type { TImprovementItem } from "@/lib/schemas/aar";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { AarTable } from "@/components/command/aar/aar-table";
import { errorMessage, fieldErrorsOf } from "@/components/needs/use-incident-refresh";

type Draft = { id: string | null; findingKey: string; issue: string; correctiveAction: string; responsibleOrgId: string; pointOfContact: string; startDate: string; completionDate: string };
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The improvement plan: a table everyone who may read the report sees, and for the incident's organisation
 * an add / edit form (one zod schema with the procedure; the server's field errors show next to the field).
 */
export function AarPlanEditor(props: { incidentId: string; items: TImprovementItem[]; orgs: { id: string; name: string }[]; canEdit: boolean; findings: { key: string; label: string }[] }) {
  const t = useT("aar");
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useState<Draft | null>(null);
  const create = useMutation(trpc.command.aar.createItem.mutationOptions());
  const update = useMutation(trpc.command.aar.updateItem.mutationOptions());
  const remove = useMutation(trpc.command.aar.deleteItem.mutationOptions());
  const active = draft?.id ? update : create;
  const errors = active.error ? fieldErrorsOf(active.error) : null;
  const fieldError = (name: keyof Draft) => (errors?.[name]?.[0] ? t(errors[name][0]) : undefined);
  const findingLabel = new Map(props.findings.map((f) => [f.key, f.label]));

  const startNew = (findingKey = "") => {
    create.reset();
    setDraft({ id: null, findingKey, issue: findingLabel.get(findingKey) ?? "", correctiveAction: "", responsibleOrgId: props.orgs[0]?.id ?? "", pointOfContact: "", startDate: today(), completionDate: "" });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const input = {
      incidentId: props.incidentId, findingKey: draft.findingKey || null, issue: draft.issue, correctiveAction: draft.correctiveAction, responsibleOrgId: draft.responsibleOrgId,
      pointOfContact: draft.pointOfContact || null, startDate: draft.startDate, completionDate: draft.completionDate || null,
    };
    try {
      if (draft.id) await update.mutateAsync({ ...input, id: draft.id });
      else await create.mutateAsync(input);
      setDraft(null);
      router.refresh();
    } catch {
      // the error is shown from the mutation's state
    }
  };
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => (d ? { ...d, [k]: e.target.value } : d));

  return (
    <div className="space-y-4">
      {props.items.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="aar-plan-empty">{props.canEdit ? t("plan.emptyEditable") : t("plan.empty")}</p>
      ) : (
        <AarTable
          testId="aar-plan-table"
          head={[t("plan.issue"), t("plan.action"), t("plan.org"), t("plan.poc"), t("plan.start"), t("plan.completion"), ...(props.canEdit ? [<span key="a" className="print:hidden">{t("plan.actions")}</span>] : [])]}
          rows={props.items.map((it) => [
            it.issue, it.correctiveAction, it.responsibleOrgName, it.pointOfContact ?? "—", it.startDate, it.completionDate ?? "—",
            ...(props.canEdit
              ? [
                  <span key="a" className="flex gap-2 print:hidden">
                    <Button size="sm" variant="ghost" onClick={() => { update.reset(); setDraft({ id: it.id, findingKey: it.findingKey ?? "", issue: it.issue, correctiveAction: it.correctiveAction, responsibleOrgId: it.responsibleOrgId, pointOfContact: it.pointOfContact ?? "", startDate: it.startDate, completionDate: it.completionDate ?? "" }); }}>
                      {t("plan.edit")}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={async () => { await remove.mutateAsync({ incidentId: props.incidentId, id: it.id }).catch(() => undefined); router.refresh(); }}>
                      {t("plan.delete")}
                    </Button>
                  </span>,
                ]
              : []),
          ])}
        />
      )}
      {!props.canEdit ? <p className="text-xs text-slate-500 print:hidden" data-testid="aar-plan-readonly">{t("plan.readOnly")}</p> : null}
      {props.canEdit && !draft ? (
        <Button size="sm" onClick={() => startNew(props.findings[0]?.key ?? "")} className="print:hidden" data-testid="aar-plan-add">{t("plan.add")}</Button>
      ) : null}
      {props.canEdit && draft ? (
        <form onSubmit={submit} className="grid gap-3 rounded-md border border-slate-200 p-4 sm:grid-cols-2 print:hidden" data-testid="aar-plan-form" noValidate>
          <Field id="aar-finding" label={t("plan.finding")} className="sm:col-span-2">
            <Select value={draft.findingKey} onChange={set("findingKey")}>
              <option value="">{t("plan.noFinding")}</option>
              {props.findings.map((f) => <option key={f.key} value={f.key}>{f.label}</option>)}
            </Select>
          </Field>
          <Field id="aar-issue" label={t("plan.issue")} required error={fieldError("issue")} className="sm:col-span-2">
            <Textarea value={draft.issue} onChange={set("issue")} rows={2} />
          </Field>
          <Field id="aar-action" label={t("plan.action")} required error={fieldError("correctiveAction")} className="sm:col-span-2">
            <Textarea value={draft.correctiveAction} onChange={set("correctiveAction")} rows={3} />
          </Field>
          <Field id="aar-org" label={t("plan.org")} required error={fieldError("responsibleOrgId")}>
            <Select value={draft.responsibleOrgId} onChange={set("responsibleOrgId")}>
              {props.orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </Select>
          </Field>
          <Field id="aar-poc" label={t("plan.poc")} error={fieldError("pointOfContact")}>
            <Input value={draft.pointOfContact} onChange={set("pointOfContact")} />
          </Field>
          <Field id="aar-start" label={t("plan.start")} required error={fieldError("startDate")}>
            <Input type="date" value={draft.startDate} onChange={set("startDate")} />
          </Field>
          <Field id="aar-completion" label={t("plan.completion")} error={fieldError("completionDate")}>
            <Input type="date" value={draft.completionDate} onChange={set("completionDate")} />
          </Field>
          {active.error && !errors ? <p role="alert" className="text-sm text-red-700 sm:col-span-2">{t("plan.failed", { message: errorMessage(active.error) })}</p> : null}
          <div className="flex gap-2 sm:col-span-2">
            <Button type="submit" size="sm" disabled={active.isPending} data-testid="aar-plan-save">{active.isPending ? t("plan.saving") : t("plan.save")}</Button>
            <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>{t("plan.cancel")}</Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
