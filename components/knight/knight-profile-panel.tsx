"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { formatNumber } from "@/lib/i18n/format";
import { KNIGHT_VEHICLES, ZUpdateKnightProfileInput, type TKnightProfileDto } from "@/lib/schemas/knight-profile";
import { errorFor, serverFieldErrors, zodFieldErrors, type FieldErrorMap } from "@/components/auth/form-errors";
import { FormAlert } from "@/components/auth/form-alert";
import { RegionSelect, type RegionOption } from "@/components/auth/region-select";
import { useHydrated } from "@/components/auth/use-hydrated";
import { DutySwitch } from "@/components/knight/duty-switch";
import { TrainingsEditor, type TrainingRow } from "@/components/knight/trainings-editor";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

/** YYYY-MM-DD of an instant in China time (the dates knights think in). */
function shanghaiDate(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

function toRows(p: TKnightProfileDto): TrainingRow[] {
  return p.trainings.map((tr) => {
    const date = tr.validUntil ? shanghaiDate(new Date(tr.validUntil)) : "";
    return { code: tr.code, validUntil: date, stored: tr.validUntil ? { date, iso: new Date(tr.validUntil).toISOString() } : undefined };
  });
}

/** An untouched row goes back with its stored instant; a typed date means the end of that day in China. */
function rowDate(r: TrainingRow): Date | null {
  if (!r.validUntil) return null;
  if (r.stored && r.stored.date === r.validUntil) return new Date(r.stored.iso);
  return new Date(`${r.validUntil}T23:59:59+08:00`);
}

/** The knight's own page: on-duty switch first (thumb-reachable on a phone), then the profile form. */
export function KnightProfilePanel({ initial, districts }: { initial: TKnightProfileDto; districts: RegionOption[] }) {
  const t = useT("knight");
  const locale = useLocale();
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const [profile, setProfile] = useState(initial);
  const [form, setForm] = useState({
    vehicle: initial.vehicle as string,
    payloadKg: String(initial.payloadKg),
    deliveryPlatform: initial.deliveryPlatform ?? "",
    homeDistrictCode: initial.homeDistrict.code,
  });
  const [trainings, setTrainings] = useState<TrainingRow[]>(() => toRows(initial));
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [saved, setSaved] = useState(false);
  const [now] = useState(() => Date.now());
  const update = useMutation(trpc.knight.updateProfile.mutationOptions());
  const err = (f: string) => errorFor(t, locale, errors, f);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((p) => ({ ...p, [k]: e.target.value }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const el = e.currentTarget;
    const focusFirst = () => requestAnimationFrame(() => el.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    const raw = { ...form, trainings: trainings.filter((r) => r.code.trim()).map((r) => ({ code: r.code, validUntil: rowDate(r) })) };
    const parsed = ZUpdateKnightProfileInput.safeParse(raw);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      focusFirst();
      return;
    }
    setErrors({});
    try {
      const p = await update.mutateAsync(parsed.data);
      setProfile(p);
      setTrainings(toRows(p));
      setSaved(true);
    } catch (error) {
      setErrors(serverFieldErrors(error));
      focusFirst();
    }
  }

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <Card>
        <CardBody className="space-y-4">
          <DutySwitch profile={profile} onChange={setProfile} />
          <dl className="grid grid-cols-2 gap-3 text-center">
            <div className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-xs text-slate-500">{t("stats.points")}</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900">{formatNumber(locale, profile.points)}</dd>
            </div>
            <div className="rounded-lg bg-slate-50 px-3 py-2">
              <dt className="text-xs text-slate-500">{t("stats.completed")}</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900">{formatNumber(locale, profile.completedCount)}</dd>
            </div>
          </dl>
          {profile.allTrainingsExpired ? <FormAlert tone="info">{t("warnings.allTrainingsExpired")}</FormAlert> : null}
        </CardBody>
      </Card>
      <form noValidate onSubmit={onSubmit} className="space-y-6" data-testid="knight-profile-form">
        {errors._form ? <FormAlert>{err("_form")}</FormAlert> : null}
        {saved ? <FormAlert tone="success" data-testid="knight-profile-saved">{t("form.saved")}</FormAlert> : null}
        <Card>
          <CardHeader title={t("form.heading")} />
          <CardBody className="grid gap-4 sm:grid-cols-2">
            <Field id="knight-vehicle" label={t("form.vehicle")} error={err("vehicle")} required>
              <Select value={form.vehicle} onChange={set("vehicle")} data-testid="knight-vehicle">
                {KNIGHT_VEHICLES.map((v) => <option key={v} value={v}>{t(`vehicles.${v}`)}</option>)}
              </Select>
            </Field>
            <Field id="knight-payloadKg" label={t("form.payloadKg")} error={err("payloadKg")} required>
              <Input type="number" inputMode="numeric" min={0} max={2000} value={form.payloadKg} onChange={set("payloadKg")} data-testid="knight-payloadKg" />
            </Field>
            <Field id="knight-deliveryPlatform" label={t("form.deliveryPlatform")} hint={t("form.deliveryPlatformHint")} error={err("deliveryPlatform")}>
              <Input value={form.deliveryPlatform} onChange={set("deliveryPlatform")} maxLength={50} data-testid="knight-deliveryPlatform" />
            </Field>
            <Field id="knight-homeDistrictCode" label={t("form.homeDistrictCode")} error={err("homeDistrictCode")} required>
              <RegionSelect regions={districts} placeholder={t("form.districtPlaceholder")} excludeProvinces value={form.homeDistrictCode} onChange={set("homeDistrictCode")} defaultValue={undefined} data-testid="knight-homeDistrictCode" />
            </Field>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("trainings.heading")} description={t("trainings.hint")} />
          <CardBody>
            <TrainingsEditor rows={trainings} onChange={setTrainings} error={err} now={now} />
          </CardBody>
        </Card>
        <Button type="submit" size="lg" className="w-full sm:w-auto" disabled={!hydrated || update.isPending} data-testid="knight-profile-submit">
          {update.isPending ? t("form.saving") : t("form.save")}
        </Button>
      </form>
    </div>
  );
}
