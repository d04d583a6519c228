"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { ZSignUpSupplierInput } from "@/lib/schemas/auth";
import { AccountFields } from "@/components/auth/account-fields";
import { FormAlert } from "@/components/auth/form-alert";
import { errorFor } from "@/components/auth/form-errors";
import { OrgFields } from "@/components/auth/org-fields";
import type { RegionOption } from "@/components/auth/region-select";
import { SubmitButton } from "@/components/auth/submit-button";
import { useAuthForm } from "@/components/auth/use-auth-form";

export function SignUpSupplierForm({ regions }: { regions: RegionOption[] }) {
  const t = useT("auth");
  const locale = useLocale();
  const trpc = useTRPC();
  const mutation = useMutation(trpc.auth.signUpSupplier.mutationOptions());
  const { errors, pending, onSubmit, formRef } = useAuthForm({
    schema: ZSignUpSupplierInput,
    send: mutation.mutateAsync,
    onSuccess: (r) => window.location.assign(r.redirectTo),
    navigatesAway: true,
  });
  return (
    <form ref={formRef} method="post" noValidate onSubmit={onSubmit} className="space-y-6" data-testid="signup-supplier-form">
      <input type="hidden" name="locale" value={locale} />
      {errors._form ? <FormAlert data-testid="signup-form-error">{errorFor(t, locale, errors, "_form")}</FormAlert> : null}
      <AccountFields errors={errors} />
      <OrgFields errors={errors} regions={regions} withKind />
      <SubmitButton pending={pending} label={t("signUp.supplier.submit")} pendingLabel={t("signUp.submitting")} testId="signup-supplier-submit" />
    </form>
  );
}
