"use client";

import { useLocale, useT } from "@/lib/i18n/client";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PasswordInput } from "@/components/auth/password-input";
import { errorFor, type FieldErrorMap } from "@/components/auth/form-errors";

/** Name, email, phone and password — the part every sign-up form shares. Ids/test ids: signup-<field>. */
export function AccountFields({ errors, phoneRequired = false }: { errors: FieldErrorMap; phoneRequired?: boolean }) {
  const t = useT("auth");
  const locale = useLocale();
  const err = (f: string) => errorFor(t, locale, errors, f);
  return (
    <fieldset className="space-y-4">
      <legend className="mb-2 text-sm font-semibold text-slate-900">{t("signUp.account.heading")}</legend>
      <Field id="signup-name" label={t("signUp.account.name")} error={err("name")} required>
        <Input name="name" autoComplete="name" data-testid="signup-name" />
      </Field>
      <Field id="signup-email" label={t("signUp.account.email")} error={err("email")} required>
        <Input name="email" type="email" autoComplete="email" inputMode="email" data-testid="signup-email" />
      </Field>
      <Field
        id="signup-phone"
        label={t("signUp.account.phone")}
        hint={phoneRequired ? t("signUp.account.phoneKnightHint") : t("signUp.account.phoneHint")}
        error={err("phone")}
        required={phoneRequired}
      >
        <Input name="phone" type="tel" autoComplete="tel" inputMode="tel" data-testid="signup-phone" />
      </Field>
      <Field id="signup-password" label={t("signUp.account.password")} hint={t("signUp.account.passwordHint")} error={err("password")} required>
        <PasswordInput
          name="password"
          autoComplete="new-password"
          data-testid="signup-password"
          showLabel={t("signIn.showPassword")}
          hideLabel={t("signIn.hidePassword")}
        />
      </Field>
    </fieldset>
  );
}
