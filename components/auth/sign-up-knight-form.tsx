"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { VEHICLES, ZSignUpKnightInput } from "@/lib/schemas/auth";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { AccountFields } from "@/components/auth/account-fields";
import { FormAlert } from "@/components/auth/form-alert";
import { errorFor } from "@/components/auth/form-errors";
import { RegionSelect, type RegionOption } from "@/components/auth/region-select";
import { SubmitButton } from "@/components/auth/submit-button";
import { useAuthForm } from "@/components/auth/use-auth-form";

export function SignUpKnightForm({ regions }: { regions: RegionOption[] }) {
  const t = useT("auth");
  const locale = useLocale();
  const trpc = useTRPC();
  const mutation = useMutation(trpc.auth.signUpKnight.mutationOptions());
  const { errors, pending, onSubmit, formRef } = useAuthForm({
    schema: ZSignUpKnightInput,
    send: mutation.mutateAsync,
    onSuccess: (r) => window.location.assign(r.redirectTo),
    navigatesAway: true,
  });
  const err = (f: string) => errorFor(t, locale, errors, f);
  return (
    <form ref={formRef} method="post" noValidate onSubmit={onSubmit} className="space-y-6" data-testid="signup-knight-form">
      <input type="hidden" name="locale" value={locale} />
      {errors._form ? <FormAlert data-testid="signup-form-error">{err("_form")}</FormAlert> : null}
      <AccountFields errors={errors} phoneRequired />
      <fieldset className="space-y-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("signUp.cards.knight.title")}</legend>
        <Field id="signup-vehicle" label={t("signUp.knight.vehicle")} error={err("vehicle")} required>
          <Select name="vehicle" defaultValue="" data-testid="signup-vehicle">
            <option value="">{t("signUp.knight.vehicle")}</option>
            {VEHICLES.map((v) => (
              <option key={v} value={v}>
                {t(`signUp.vehicles.${v}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="signup-payloadKg" label={t("signUp.knight.payloadKg")} error={err("payloadKg")} required>
          <Input name="payloadKg" type="number" inputMode="numeric" min={0} max={2000} step={1} data-testid="signup-payloadKg" />
        </Field>
        <Field
          id="signup-deliveryPlatform"
          label={t("signUp.knight.deliveryPlatform")}
          hint={t("signUp.knight.deliveryPlatformHint")}
          error={err("deliveryPlatform")}
        >
          <Input name="deliveryPlatform" data-testid="signup-deliveryPlatform" />
        </Field>
        <Field id="signup-homeDistrictCode" label={t("signUp.knight.homeDistrict")} error={err("homeDistrictCode")} required>
          <RegionSelect
            name="homeDistrictCode"
            regions={regions}
            excludeProvinces
            placeholder={t("signUp.org.regionPlaceholder")}
            data-testid="signup-homeDistrictCode"
          />
        </Field>
      </fieldset>
      <SubmitButton pending={pending} label={t("signUp.knight.submit")} pendingLabel={t("signUp.submitting")} testId="signup-knight-submit" />
    </form>
  );
}
