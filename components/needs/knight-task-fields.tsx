"use client";

import { useT } from "@/lib/i18n/client";
import { KNIGHT_VEHICLES, KNOWN_TRAININGS } from "@/lib/schemas/knight-profile";
import { IncidentMap } from "@/components/incidents/incident-map";
import { TASK_KINDS, toggle, type KnightTaskValues } from "@/components/needs/knight-task-form-state";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { cx } from "@/components/ui/cx";

/**
 * The need form's knight-task fields (category KNIGHT): kind, pickup point (map click) and address, cargo,
 * acceptable vehicles, trainings, reward. The staging point above is the drop-off. Errors come per field
 * from the shared schema or the server (pickupLat/pickupLng are shown under the pickup map).
 */
export function KnightTaskFields({
  value,
  onChange,
  errors,
  around,
  tileUrl,
  tileAttribution,
}: {
  value: KnightTaskValues;
  onChange: (v: KnightTaskValues) => void;
  errors: Record<string, string[] | undefined>;
  around: { lat: number; lng: number };
  tileUrl: string;
  tileAttribution?: string;
}) {
  const t = useT("knightDispatch");
  const tDispatch = useT("dispatch");
  const tk = useT("knight");
  const set = <K extends keyof KnightTaskValues>(k: K, v: KnightTaskValues[K]) => onChange({ ...value, [k]: v });
  const err = (k: string) => errors[k]?.[0];
  const pickupErr = err("pickupLat") ?? err("pickupLng") ?? err("pickup");
  const chip = (checked: boolean) =>
    cx(
      "inline-flex cursor-pointer items-center gap-1.5 rounded-full px-3 py-1.5 text-sm ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600",
      checked ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-700 ring-slate-300",
    );
  return (
    <fieldset className="grid gap-4 rounded-xl border border-brand-200 bg-brand-50/40 p-4 sm:col-span-2 sm:grid-cols-2" data-testid="knight-task-fields">
      <legend className="px-1 text-sm font-semibold text-brand-800">{t("form.legend")}</legend>
      <Field id="need-taskKind" label={t("form.taskKind")} error={err("taskKind")} required>
        <Select value={value.taskKind} onChange={(e) => set("taskKind", e.target.value as KnightTaskValues["taskKind"])} data-testid="need-task-kind">
          <option value="">{t("form.taskKindPlaceholder")}</option>
          {TASK_KINDS.map((k) => (
            <option key={k} value={k}>
              {tDispatch(`taskKind.${k}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="need-rewardPoints" label={t("form.rewardPoints")} error={err("rewardPoints")} hint={t("form.rewardHint")}>
        <Input type="number" min={0} max={10000} inputMode="numeric" value={value.rewardPoints} onChange={(e) => set("rewardPoints", e.target.value)} data-testid="need-reward" />
      </Field>
      <Field id="need-pickupAddress" label={t("form.pickupAddress")} error={err("pickupAddress")} required={value.taskKind === "DELIVERY"} className="sm:col-span-2">
        <Input value={value.pickupAddress} onChange={(e) => set("pickupAddress", e.target.value)} maxLength={200} data-testid="need-pickup-address" />
      </Field>
      <div className="space-y-1.5 sm:col-span-2">
        <p className="text-sm font-medium text-slate-800">{t("form.pickupPoint")}</p>
        <IncidentMap
          testId="need-pickup-map"
          label={t("form.pickupPoint")}
          location={around}
          points={value.pickupLat !== null && value.pickupLng !== null ? [{ id: "pickup", lat: value.pickupLat, lng: value.pickupLng }] : []}
          onMapClick={(p) => onChange({ ...value, pickupLat: p.lat, pickupLng: p.lng })}
          tileUrl={tileUrl}
          tileAttribution={tileAttribution}
          height={200}
        />
        <p className="text-xs text-slate-500" data-testid="need-pickup-value">
          {value.pickupLat !== null && value.pickupLng !== null
            ? t("form.pickupValue", { lat: value.pickupLat.toFixed(5), lng: value.pickupLng.toFixed(5) })
            : t("form.pickupHint")}
        </p>
        {pickupErr ? (
          <p role="alert" id="need-pickup-error" className="text-xs font-medium text-red-700">
            {pickupErr}
          </p>
        ) : null}
      </div>
      <Field id="need-cargoKg" label={t("form.cargoKg")} error={err("cargoKg")}>
        <Input type="number" min={0} step="0.1" inputMode="decimal" value={value.cargoKg} onChange={(e) => set("cargoKg", e.target.value)} data-testid="need-cargo-kg" />
      </Field>
      <Field id="need-cargoVolumeL" label={t("form.cargoVolumeL")} error={err("cargoVolumeL")}>
        <Input type="number" min={0} step="1" inputMode="decimal" value={value.cargoVolumeL} onChange={(e) => set("cargoVolumeL", e.target.value)} data-testid="need-cargo-volume" />
      </Field>
      <fieldset className="space-y-2 sm:col-span-2" aria-describedby="need-vehicles-hint">
        <legend className="text-sm font-medium text-slate-800">{t("form.vehicles")}</legend>
        <p id="need-vehicles-hint" className="text-xs text-slate-500">{t("form.vehiclesHint")}</p>
        <div className="flex flex-wrap gap-2">
          {KNIGHT_VEHICLES.map((v) => {
            const checked = value.requiredVehicle.includes(v);
            return (
              <label key={v} className={chip(checked)}>
                <input type="checkbox" className="sr-only" checked={checked} onChange={() => set("requiredVehicle", toggle(value.requiredVehicle, v))} data-testid={`need-vehicle-${v}`} />
                {tk(`vehicles.${v}`)}
              </label>
            );
          })}
        </div>
        {err("requiredVehicle") ? <p role="alert" className="text-xs font-medium text-red-700">{err("requiredVehicle")}</p> : null}
      </fieldset>
      <fieldset className="space-y-2 sm:col-span-2" aria-describedby="need-trainings-hint">
        <legend className="text-sm font-medium text-slate-800">{t("form.trainings")}</legend>
        <p id="need-trainings-hint" className="text-xs text-slate-500">{t("form.trainingsHint")}</p>
        <div className="flex flex-wrap gap-2">
          {KNOWN_TRAININGS.map((c) => {
            const checked = value.requiredTrainings.includes(c);
            return (
              <label key={c} className={chip(checked)}>
                <input type="checkbox" className="sr-only" checked={checked} onChange={() => set("requiredTrainings", toggle(value.requiredTrainings, c))} data-testid={`need-training-${c}`} />
                {tk(`trainings.names.${c}`)}
              </label>
            );
          })}
        </div>
        {err("requiredTrainings") ? <p role="alert" className="text-xs font-medium text-red-700">{err("requiredTrainings")}</p> : null}
      </fieldset>
    </fieldset>
  );
}
