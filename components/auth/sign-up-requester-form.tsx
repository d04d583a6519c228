"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { useTRPC } from "@/lib/trpc/react";
import { ZSignUpRequesterInput } from "@/lib/schemas/auth";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { cx } from "@/components/ui/cx";
import { AccountFields } from "@/components/auth/account-fields";
import { FormAlert } from "@/components/auth/form-alert";
import { errorFor } from "@/components/auth/form-errors";
import { OrgFields } from "@/components/auth/org-fields";
import type { RegionOption } from "@/components/auth/region-select";
import { SubmitButton } from "@/components/auth/submit-button";
import { useAuthForm } from "@/components/auth/use-auth-form";

import type { JoinableGovernmentOrg as GovernmentOrgOption } from "@/server/modules/accounts/sign-up-options";

export function SignUpRequesterForm({ regions, orgs }: { regions: RegionOption[]; orgs: GovernmentOrgOption[] }) {
  const t = useT("auth");
  const locale = useLocale();
  const trpc = useTRPC();
  const [mode, setMode] = useState<"join" | "create">(orgs.length ? "join" : "create");
  const mutation = useMutation(trpc.auth.signUpRequester.mutationOptions());
  const { errors, pending, onSubmit, formRef } = useAuthForm({
    schema: ZSignUpRequesterInput,
    send: mutation.mutateAsync,
    onSuccess: (r) => window.location.assign(r.redirectTo),
    navigatesAway: true,
  });
  const regionName = new Map(regions.map((r) => [r.code, localizedName(locale, r.nameZh, r.nameEn)]));
  const modes = [
    { value: "join", label: t("signUp.requester.join"), disabled: orgs.length === 0 },
    { value: "create", label: t("signUp.requester.create"), disabled: false },
  ] as const;
  return (
    <form ref={formRef} method="post" noValidate onSubmit={onSubmit} className="space-y-6" data-testid="signup-requester-form">
      <input type="hidden" name="locale" value={locale} />
      {errors._form ? <FormAlert data-testid="signup-form-error">{errorFor(t, locale, errors, "_form")}</FormAlert> : null}
      <AccountFields errors={errors} />
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">{t("signUp.requester.orgMode")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {modes.map((m) => (
            <label
              key={m.value}
              className={cx(
                "flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2.5 text-sm",
                mode === m.value ? "border-brand-500 bg-brand-50 text-brand-900" : "border-slate-300 text-slate-700",
                m.disabled && "cursor-not-allowed opacity-50",
              )}
            >
              <input
                type="radio"
                name="orgMode"
                value={m.value}
                checked={mode === m.value}
                disabled={m.disabled}
                onChange={() => setMode(m.value)}
                data-testid={`signup-orgMode-${m.value}`}
                className="accent-brand-600"
              />
              {m.label}
            </label>
          ))}
        </div>
        {orgs.length === 0 ? <p className="text-xs text-slate-500">{t("signUp.requester.noOrgs")}</p> : null}
      </fieldset>
      {mode === "join" ? (
        <Field id="signup-orgId" label={t("signUp.requester.orgSelect")} error={errorFor(t, locale, errors, "orgId")} required>
          <Select name="orgId" defaultValue="" data-testid="signup-orgId">
            <option value="">{t("signUp.requester.orgSelectPlaceholder")}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {localizedName(locale, o.name, o.nameEn)}
                {regionName.get(o.regionCode) ? ` · ${regionName.get(o.regionCode)}` : ""}
                {o.pending ? t("signUp.requester.orgPending") : ""}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <OrgFields errors={errors} regions={regions} withKind={false} />
      )}
      <SubmitButton pending={pending} label={t("signUp.requester.submit")} pendingLabel={t("signUp.submitting")} testId="signup-requester-submit" />
    </form>
  );
}
