"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { RESOURCE_CATEGORIES, type TResourceTypeDto } from "@/lib/schemas/catalogue";
import { ZCreateResourceTypeInput } from "@/lib/schemas/catalogue-admin";
import { errorFor, serverFieldErrors, zodFieldErrors, type FieldErrorMap } from "@/components/auth/form-errors";
import { FormAlert } from "@/components/auth/form-alert";
import { useHydrated } from "@/components/auth/use-hydrated";
import { EMPTY_METRIC, MetricRows, type MetricRow } from "@/components/catalogue/metric-rows";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";

type TextField = "nameZh" | "nameEn" | "descriptionZh" | "descriptionEn" | "minimumCriteriaZh" | "minimumCriteriaEn";
type State = Record<"code" | "kind" | "category" | "typeLevel" | "defaultUnit" | "credentials" | TextField, string> & { active: boolean };

function initial(type?: TResourceTypeDto): State {
  return {
    code: type?.code ?? "",
    kind: type?.kind ?? "",
    category: type?.category ?? "EQUIPMENT",
    typeLevel: String(type?.typeLevel ?? 1),
    defaultUnit: type?.defaultUnit ?? "unit",
    credentials: type?.requiredCredentialKinds.join(", ") ?? "",
    nameZh: type?.nameZh ?? "",
    nameEn: type?.nameEn ?? "",
    descriptionZh: type?.descriptionZh ?? "",
    descriptionEn: type?.descriptionEn ?? "",
    minimumCriteriaZh: type?.minimumCriteriaZh ?? "",
    minimumCriteriaEn: type?.minimumCriteriaEn ?? "",
    active: type?.active ?? true,
  };
}

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/** Admin create / edit of a catalogue type. Validated with the procedures' schema before sending. */
export function ResourceTypeForm({ type, listHref }: { type?: TResourceTypeDto; listHref: string }) {
  const t = useT("catalogue");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const [s, setS] = useState<State>(() => initial(type));
  const [metrics, setMetrics] = useState<MetricRow[]>(() =>
    type ? type.metrics.map((m) => ({ ...m, min: String(m.min ?? ""), max: String(m.max ?? "") })) : [{ ...EMPTY_METRIC }],
  );
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const create = useMutation(trpc.catalogue.createType.mutationOptions());
  const update = useMutation(trpc.catalogue.updateType.mutationOptions());
  const pending = create.isPending || update.isPending;
  const err = (f: string) => errorFor(t, locale, errors, f);
  const set = (k: keyof State) => (e: { target: { value: string } }) => setS((p) => ({ ...p, [k]: e.target.value }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const raw = {
      ...s,
      typeLevel: s.typeLevel,
      requiredCredentialKinds: s.credentials.split(/[,，\s]+/).map((c) => c.trim()).filter(Boolean),
      metrics: metrics.map((m) => ({ ...m, min: num(m.min), max: num(m.max) })),
    };
    const parsed = ZCreateResourceTypeInput.safeParse(raw);
    const focusFirst = () => requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      focusFirst();
      return;
    }
    setErrors({});
    try {
      const saved = type ? await update.mutateAsync({ ...parsed.data, id: type.id }) : await create.mutateAsync(parsed.data);
      router.push(`${listHref}?category=${saved.category}`);
      router.refresh();
    } catch (error) {
      setErrors(serverFieldErrors(error));
      focusFirst();
    }
  }

  const text = (k: TextField, long = false) => (
    <Field id={`type-${k}`} label={t(`form.${k}`)} error={err(k)} required>
      {long ? (
        <Textarea value={s[k]} onChange={set(k)} rows={3} data-testid={`type-${k}`} />
      ) : (
        <Input value={s[k]} onChange={set(k)} data-testid={`type-${k}`} />
      )}
    </Field>
  );

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-6" data-testid="resource-type-form">
      {errors._form ? <FormAlert>{err("_form")}</FormAlert> : Object.keys(errors).length ? <FormAlert>{t("form.fixErrors")}</FormAlert> : null}
      <Card>
        <CardHeader title={t("form.basics")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field id="type-code" label={t("form.code")} hint={t("form.codeHint")} error={err("code")} required>
            <Input value={s.code} onChange={set("code")} className="font-mono" data-testid="type-code" />
          </Field>
          <Field id="type-kind" label={t("form.kind")} hint={t("form.kindHint")} error={err("kind")} required>
            <Input value={s.kind} onChange={set("kind")} className="font-mono" data-testid="type-kind" />
          </Field>
          <Field id="type-category" label={t("form.category")} error={err("category")} required>
            <Select value={s.category} onChange={set("category")} data-testid="type-category">
              {RESOURCE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`categories.${c}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="type-typeLevel" label={t("form.typeLevel")} hint={t("levelHint")} error={err("typeLevel")} required>
            <Select value={s.typeLevel} onChange={set("typeLevel")} data-testid="type-typeLevel">
              {[1, 2, 3, 4, 5].map((l) => (
                <option key={l} value={String(l)}>
                  {t("level", { level: String(l) })}
                </option>
              ))}
            </Select>
          </Field>
          {text("nameZh")}
          {text("nameEn")}
          {text("descriptionZh", true)}
          {text("descriptionEn", true)}
          {text("minimumCriteriaZh", true)}
          {text("minimumCriteriaEn", true)}
          <Field id="type-defaultUnit" label={t("form.defaultUnit")} error={err("defaultUnit")} required>
            <Input value={s.defaultUnit} onChange={set("defaultUnit")} data-testid="type-defaultUnit" />
          </Field>
          <Field id="type-credentials" label={t("form.credentials")} hint={t("form.credentialsHint")} error={err("requiredCredentialKinds") ?? err("requiredCredentialKinds.0")}>
            <Input value={s.credentials} onChange={set("credentials")} className="font-mono" data-testid="type-credentials" />
          </Field>
          <label className="flex items-center gap-2 text-sm text-slate-800 sm:col-span-2">
            <input type="checkbox" checked={s.active} onChange={(e) => setS((p) => ({ ...p, active: e.target.checked }))} className="size-4 accent-brand-600" />
            {t("form.active")}
          </label>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("form.metricsHeading")} description={t("form.metricsHint")} />
        <CardBody>
          {err("metrics") ? <p className="mb-2 text-xs font-medium text-red-700">{err("metrics")}</p> : null}
          <MetricRows rows={metrics} onChange={setMetrics} error={err} />
        </CardBody>
      </Card>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending || !hydrated} data-testid="resource-type-submit">
          {pending ? t("form.saving") : type ? t("form.save") : t("form.create")}
        </Button>
      </div>
    </form>
  );
}
