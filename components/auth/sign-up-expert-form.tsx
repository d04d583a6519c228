"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { ZSignUpExpertInput } from "@/lib/schemas/auth";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { AccountFields } from "@/components/auth/account-fields";
import { FormAlert } from "@/components/auth/form-alert";
import { errorFor } from "@/components/auth/form-errors";
import { RegionSelect, type RegionOption } from "@/components/auth/region-select";
import { SubmitButton } from "@/components/auth/submit-button";
import { useAuthForm } from "@/components/auth/use-auth-form";

export function SignUpExpertForm({ regions }: { regions: RegionOption[] }) {
  const t = useT("auth");
  const locale = useLocale();
  const trpc = useTRPC();
  const mutation = useMutation(trpc.auth.signUpExpert.mutationOptions());
  const { errors, pending, onSubmit, formRef } = useAuthForm({
    schema: ZSignUpExpertInput,
    send: mutation.mutateAsync,
    onSuccess: (r) => window.location.assign(r.redirectTo),
    navigatesAway: true,
  });
  const err = (f: string) => errorFor(t, locale, errors, f);
  return (
    <form ref={formRef} method="post" noValidate onSubmit={onSubmit} className="space-y-6" data-testid="signup-expert-form">
      <input type="hidden" name="locale" value={locale} />
      {errors._form ? <FormAlert data-testid="signup-form-error">{err("_form")}</FormAlert> : null}
      <AccountFields errors={errors} />
      <fieldset className="space-y-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("signUp.cards.expert.title")}</legend>
        <Field id="signup-specialty" label={t("signUp.expert.specialty")} hint={t("signUp.expert.specialtyHint")} error={err("specialty")} required>
          <Input name="specialty" data-testid="signup-specialty" />
        </Field>
        <Field id="signup-regionCode" label={t("signUp.expert.region")} error={err("regionCode")} required>
          <RegionSelect name="regionCode" regions={regions} placeholder={t("signUp.org.regionPlaceholder")} data-testid="signup-regionCode" />
        </Field>
      </fieldset>
      <SubmitButton pending={pending} label={t("signUp.expert.submit")} pendingLabel={t("signUp.submitting")} testId="signup-expert-submit" />
    </form>
  );
}
