"use client";

import { useLocale, useT } from "@/lib/i18n/client";
import { SUPPLIER_ORG_KINDS } from "@/lib/schemas/auth";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { RegionSelect, type RegionOption } from "@/components/auth/region-select";
import { errorFor, type FieldErrorMap } from "@/components/auth/form-errors";

/** A new organisation's details, posted as org.* (ids/test ids: signup-org-<field>). */
export function OrgFields({ errors, regions, withKind }: { errors: FieldErrorMap; regions: RegionOption[]; withKind: boolean }) {
  const t = useT("auth");
  const locale = useLocale();
  const err = (f: string) => errorFor(t, locale, errors, `org.${f}`);
  return (
    <fieldset className="space-y-4">
      <legend className="mb-2 text-sm font-semibold text-slate-900">{t("signUp.org.heading")}</legend>
      {withKind ? (
        <Field id="signup-org-kind" label={t("signUp.org.kind")} error={err("kind")} required>
          <Select name="org.kind" defaultValue="" data-testid="signup-org-kind">
            <option value="">{t("signUp.org.kind")}</option>
            {SUPPLIER_ORG_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`signUp.orgKinds.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field id="signup-org-name" label={t("signUp.org.name")} error={err("name")} required>
        <Input name="org.name" autoComplete="organization" data-testid="signup-org-name" />
      </Field>
      <Field id="signup-org-nameEn" label={t("signUp.org.optionalLabel", { label: t("signUp.org.nameEn") })} error={err("nameEn")}>
        <Input name="org.nameEn" data-testid="signup-org-nameEn" />
      </Field>
      <Field id="signup-org-regionCode" label={t("signUp.org.region")} error={err("regionCode")} required>
        <RegionSelect name="org.regionCode" regions={regions} placeholder={t("signUp.org.regionPlaceholder")} data-testid="signup-org-regionCode" />
      </Field>
      <Field id="signup-org-address" label={t("signUp.org.address")} error={err("address")} required>
        <Input name="org.address" autoComplete="street-address" data-testid="signup-org-address" />
      </Field>
      <Field id="signup-org-contactPhone" label={t("signUp.org.contactPhone")} error={err("contactPhone")} required>
        <Input name="org.contactPhone" type="tel" inputMode="tel" data-testid="signup-org-contactPhone" />
      </Field>
      <Field
        id="signup-org-unifiedSocialCreditCode"
        label={t("signUp.org.creditCode")}
        hint={t("signUp.org.creditCodeHint")}
        error={err("unifiedSocialCreditCode")}
      >
        <Input name="org.unifiedSocialCreditCode" maxLength={18} autoCapitalize="characters" data-testid="signup-org-unifiedSocialCreditCode" />
      </Field>
      <Field id="signup-org-description" label={t("signUp.org.optionalLabel", { label: t("signUp.org.description") })} error={err("description")}>
        <Textarea name="org.description" rows={3} data-testid="signup-org-description" />
      </Field>
      <p className="text-xs text-slate-500">{t("signUp.pendingNote")}</p>
    </fieldset>
  );
}
