"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { useTRPC } from "@/lib/trpc/react";
import { KNIGHT_UNIT, NEED_PRIORITIES, NEED_UNITS, PAYMENT_MODES, ZCreateNeedInput, ZUpdateNeedInput, type TNeedDto } from "@/lib/schemas/needs";
import { FormAlert } from "@/components/auth/form-alert";
import { serverFieldErrors, translateError, zodFieldErrors, type FieldErrorMap } from "@/components/auth/form-errors";
import { useHydrated } from "@/components/auth/use-hydrated";
import { IncidentMap } from "@/components/incidents/incident-map";
import { KnightTaskFields } from "@/components/needs/knight-task-fields";
import { emptyKnightTaskValues, taskKindFromTypeCode } from "@/components/needs/knight-task-form-state";
import { changedFields, emptyNeedValues, formErrorKey, needToValues, valuesToInput, type NeedFormValues } from "@/components/needs/need-form-state";
import { useIncidentRefresh } from "@/components/needs/use-incident-refresh";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";

type Props = {
  incident: { id: string; lat: number; lng: number; address: string };
  /** Editing an existing need; without it the form adds a new one. */
  need?: TNeedDto;
  tileUrl: string;
  tileAttribution?: string;
  onDone?: () => void;
  onCancel?: () => void;
};

function remap(errors: FieldErrorMap): FieldErrorMap {
  const out: FieldErrorMap = {};
  for (const [k, v] of Object.entries(errors)) (out[formErrorKey(k)] ??= []).push(...v);
  return out;
}

/** Add or edit a need: type, quantity, timing, payment, staging point (click the map), capability minimums. */
export function NeedForm({ incident, need, tileUrl, tileAttribution, onDone, onCancel }: Props) {
  const t = useT("needs");
  const tk = useT("knightDispatch");
  const locale = useLocale();
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const refresh = useIncidentRefresh();
  const [v, setV] = useState<NeedFormValues>(() => (need ? needToValues(need) : emptyNeedValues(incident)));
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [saved, setSaved] = useState(false);
  const types = useQuery({ ...trpc.catalogue.listTypes.queryOptions({ active: true }), enabled: !need, staleTime: 10 * 60_000 });
  const create = useMutation(trpc.need.create.mutationOptions());
  const update = useMutation(trpc.need.update.mutationOptions());
  const type = types.data?.items.find((x) => x.id === v.typeId);
  const filled = need ? need.committed + need.enRoute + need.onScene + need.released : 0;
  const metrics = type?.metrics ?? [];
  const set = <K extends keyof NeedFormValues>(k: K, value: NeedFormValues[K]) => {
    setSaved(false);
    setV((prev) => ({ ...prev, [k]: value }));
  };
  const name = (x: { nameZh: string; nameEn: string }) => localizedName(locale, x.nameZh, x.nameEn);

  function pickType(id: string) {
    const next = types.data?.items.find((x) => x.id === id);
    setV((prev) => ({
      ...prev,
      typeId: id,
      title: !prev.title || types.data?.items.some((x) => name(x) === prev.title) ? (next ? name(next) : "") : prev.title,
      unit:
        next?.category === "KNIGHT" ? KNIGHT_UNIT : next && (NEED_UNITS as readonly string[]).includes(next.defaultUnit) ? next.defaultUnit : prev.unit,
      capabilities: {},
      // A knight task brings its own fields (kind preset from the type: KN-DELIVERY → DELIVERY).
      knightTask: next?.category === "KNIGHT" ? emptyKnightTaskValues(taskKindFromTypeCode(next.code)) : null,
    }));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields = valuesToInput(v);
    const onError = (err: unknown) => {
      const code = (err as { data?: { code?: string } }).data?.code;
      setErrors(code === "CONFLICT" ? { _form: [t("form.conflict")] } : remap(serverFieldErrors(err)));
    };
    const onSuccess = () => {
      setErrors({});
      setSaved(true);
      void refresh();
      if (!need) setV(emptyNeedValues(incident));
      onDone?.();
    };
    if (need) {
      const parsed = ZUpdateNeedInput.safeParse({ id: need.id, version: need.version, ...changedFields(needToValues(need), v) });
      if (!parsed.success) return setErrors(remap(zodFieldErrors(parsed.error)));
      // Said at once; the server says the same (and the database refuses it) if a commitment lands meanwhile.
      if (parsed.data.quantity !== undefined && parsed.data.quantity < filled) return setErrors({ quantity: ["errors.quantityBelowFilled"] });
      update.mutate(parsed.data, { onSuccess, onError });
    } else {
      const parsed = ZCreateNeedInput.safeParse({ incidentId: incident.id, typeId: v.typeId || undefined, category: type?.category, ...fields });
      if (!parsed.success) return setErrors(remap(zodFieldErrors(parsed.error)));
      create.mutate(parsed.data, { onSuccess, onError });
    }
  }

  // Message keys ("errors.…") are translated; the server's sentences for other rules are shown as they came.
  const err = (k: string) => {
    const m = errors[k]?.[0];
    return m ? translateError(t, m, { filled: String(filled) }) : undefined;
  };
  const pending = create.isPending || update.isPending;
  const id = (k: string) => `need-${k}`;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" data-testid="need-form">
      {err("_form") ? (
        <div className="sm:col-span-2">
          <FormAlert data-testid="need-form-error">{t("form.failed", { message: err("_form")! })}</FormAlert>
        </div>
      ) : null}
      {need ? null : (
        <Field id={id("type")} label={t("form.type")} error={err("typeId") ?? err("category")} required hint={types.isLoading ? t("form.typeLoading") : undefined} className="sm:col-span-2">
          <Select value={v.typeId} onChange={(e) => pickType(e.target.value)} data-testid="need-type">
            <option value="">{t("form.typePlaceholder")}</option>
            {types.data?.items.map((x) => (
              <option key={x.id} value={x.id}>
                {t(`categories.${x.category}`)} · {name(x)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field id={id("title")} label={t("form.title")} error={err("title")} required className="sm:col-span-2">
        <Input value={v.title} onChange={(e) => set("title", e.target.value)} maxLength={120} data-testid="need-title-input" />
      </Field>
      <Field id={id("quantity")} label={t("form.quantity")} error={err("quantity")} required>
        <Input type="number" min={1} inputMode="numeric" value={v.quantity} onChange={(e) => set("quantity", e.target.value)} data-testid="need-quantity" />
      </Field>
      <Field id={id("unit")} label={t("form.unit")} error={err("unit")} required>
        <Select value={v.unit} onChange={(e) => set("unit", e.target.value)} data-testid="need-unit">
          {[...new Set([v.unit, ...NEED_UNITS])].map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={id("priority")} label={t("form.priority")} error={err("priority")}>
        <Select value={v.priority} onChange={(e) => set("priority", e.target.value as NeedFormValues["priority"])} data-testid="need-priority">
          {NEED_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={id("payment")} label={t("form.paymentMode")} error={err("paymentMode")}>
        <Select value={v.paymentMode} onChange={(e) => set("paymentMode", e.target.value as NeedFormValues["paymentMode"])} data-testid="need-payment">
          {PAYMENT_MODES.map((p) => (
            <option key={p} value={p}>
              {t(`payment.${p}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={id("neededBy")} label={t("form.neededBy")} error={err("neededBy")} required>
        <Input type="datetime-local" value={v.neededBy} onChange={(e) => set("neededBy", e.target.value)} data-testid="need-needed-by" />
      </Field>
      <Field id={id("duration")} label={t("form.durationHours")} error={err("durationHours")} required>
        <Input type="number" min={0.5} step={0.5} value={v.durationHours} onChange={(e) => set("durationHours", e.target.value)} data-testid="need-duration" />
      </Field>
      <Field id={id("distance")} label={t("form.maxDistanceKm")} error={err("maxDistanceKm")} required>
        <Input type="number" min={1} value={v.maxDistanceKm} onChange={(e) => set("maxDistanceKm", e.target.value)} data-testid="need-distance" />
      </Field>
      {metrics.map((m) => (
        <Field key={m.key} id={id(`cap-${m.key}`)} label={`${t("form.capabilities")}: ${localizedName(locale, m.labelZh, m.labelEn)} (${m.unit})`} error={err(`cap.${m.key}`)}>
          <Input type="number" value={v.capabilities[m.key] ?? ""} onChange={(e) => set("capabilities", { ...v.capabilities, [m.key]: e.target.value })} data-testid={`need-cap-${m.key}`} />
        </Field>
      ))}
      {v.knightTask ? (
        <KnightTaskFields
          value={v.knightTask}
          onChange={(knightTask) => set("knightTask", knightTask)}
          errors={errors}
          around={{ lat: v.stagingLat ?? incident.lat, lng: v.stagingLng ?? incident.lng }}
          tileUrl={tileUrl}
          tileAttribution={tileAttribution}
        />
      ) : null}
      <Field id={id("staging-address")} label={v.knightTask ? tk("form.dropoffAddress") : t("form.stagingAddress")} error={err("stagingAddress")} required className="sm:col-span-2">
        <Input value={v.stagingAddress} onChange={(e) => set("stagingAddress", e.target.value)} maxLength={200} data-testid="need-staging-address" />
      </Field>
      <div className="space-y-1.5 sm:col-span-2">
        <p className="text-sm font-medium text-slate-800">{v.knightTask ? tk("form.dropoffPoint") : t("form.stagingPoint")}</p>
        <IncidentMap
          testId="need-staging-map"
          label={v.knightTask ? tk("form.dropoffPoint") : t("form.stagingPoint")}
          location={{ lat: incident.lat, lng: incident.lng }}
          points={v.stagingLat !== null && v.stagingLng !== null ? [{ id: "staging", lat: v.stagingLat, lng: v.stagingLng }] : []}
          onMapClick={(p) => setV((prev) => ({ ...prev, stagingLat: p.lat, stagingLng: p.lng }))}
          tileUrl={tileUrl}
          tileAttribution={tileAttribution}
          height={220}
        />
        <p className="text-xs text-slate-500" data-testid="need-staging-value">
          {v.stagingLat !== null && v.stagingLng !== null
            ? t("form.stagingValue", { lat: v.stagingLat.toFixed(5), lng: v.stagingLng.toFixed(5) })
            : t("form.stagingHint")}
        </p>
        {err("staging") ? <p role="alert" className="text-xs font-medium text-red-700">{err("staging")}</p> : null}
      </div>
      <Field id={id("notes")} label={t("form.notes")} error={err("notes")} className="sm:col-span-2">
        <Textarea value={v.notes} onChange={(e) => set("notes", e.target.value)} rows={2} maxLength={2000} data-testid="need-notes" />
      </Field>
      <div className="flex flex-col-reverse gap-2 sm:col-span-2 sm:flex-row sm:items-center sm:justify-end">
        {saved ? <span role="status" className="text-sm text-emerald-700" data-testid="need-saved">{t("form.saved")}</span> : null}
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            {t("form.cancel")}
          </Button>
        ) : null}
        <Button type="submit" disabled={pending || !hydrated} aria-busy={pending || undefined} data-testid="need-submit">
          {need ? (pending ? t("form.saving") : t("form.save")) : pending ? t("form.creating") : t("form.create")}
        </Button>
      </div>
    </form>
  );
}
