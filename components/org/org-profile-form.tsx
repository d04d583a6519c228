"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { ZUpdateOrgProfileInput, type TOrgProfileDto } from "@/lib/schemas/org";
import { errorFor } from "@/components/auth/form-errors";
import { FormAlert } from "@/components/auth/form-alert";
import { RegionSelect, type RegionOption } from "@/components/auth/region-select";
import { useAuthForm } from "@/components/auth/use-auth-form";
import { useHydrated } from "@/components/auth/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";

/** The organisation's profile. Members without OWNER/DISPATCHER see it read-only (the server checks too). */
export function OrgProfileForm({ org, regions, canEdit }: { org: TOrgProfileDto; regions: RegionOption[]; canEdit: boolean }) {
  const t = useT("org");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const [saved, setSaved] = useState(false);
  const update = useMutation(trpc.org.updateProfile.mutationOptions());
  const { errors, pending, onSubmit, formRef } = useAuthForm({
    schema: ZUpdateOrgProfileInput,
    send: update.mutateAsync,
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const err = (f: string) => errorFor(t, locale, errors, f);
  const ro = !canEdit;

  return (
    <form ref={formRef} noValidate onSubmit={(e) => { setSaved(false); void onSubmit(e); }} className="grid gap-4 sm:grid-cols-2" data-testid="org-profile-form">
      <input type="hidden" name="orgId" value={org.id} />
      {errors._form ? <div className="sm:col-span-2"><FormAlert>{err("_form")}</FormAlert></div> : null}
      {saved ? <div className="sm:col-span-2"><FormAlert tone="success" data-testid="org-profile-saved">{t("profile.saved")}</FormAlert></div> : null}
      {ro ? <p className="text-sm text-slate-600 sm:col-span-2">{t("profile.readOnly")}</p> : null}
      <Field id="org-name" label={t("profile.name")} error={err("name")} required>
        <Input name="name" defaultValue={org.name} readOnly={ro} maxLength={100} data-testid="org-name" />
      </Field>
      <Field id="org-nameEn" label={t("profile.nameEn")} error={err("nameEn")}>
        <Input name="nameEn" defaultValue={org.nameEn ?? ""} readOnly={ro} maxLength={100} data-testid="org-nameEn" />
      </Field>
      <Field id="org-regionCode" label={t("profile.regionCode")} error={err("regionCode")} required>
        <RegionSelect name="regionCode" regions={regions} placeholder={t("profile.regionPlaceholder")} defaultValue={org.region.code} disabled={ro} data-testid="org-regionCode" />
      </Field>
      <Field id="org-address" label={t("profile.address")} error={err("address")} required>
        <Input name="address" defaultValue={org.address} readOnly={ro} maxLength={200} data-testid="org-address" />
      </Field>
      <Field id="org-contactName" label={t("profile.contactName")} error={err("contactName")} required>
        <Input name="contactName" defaultValue={org.contactName} readOnly={ro} maxLength={80} data-testid="org-contactName" />
      </Field>
      <Field id="org-contactPhone" label={t("profile.contactPhone")} error={err("contactPhone")} required>
        <Input name="contactPhone" type="tel" defaultValue={org.contactPhone} readOnly={ro} data-testid="org-contactPhone" />
      </Field>
      <Field id="org-contactEmail" label={t("profile.contactEmail")} error={err("contactEmail")}>
        <Input name="contactEmail" type="email" defaultValue={org.contactEmail ?? ""} readOnly={ro} data-testid="org-contactEmail" />
      </Field>
      <Field id="org-description" label={t("profile.description")} hint={t("profile.descriptionHint")} error={err("description")} className="sm:col-span-2">
        <Textarea name="description" defaultValue={org.description ?? ""} readOnly={ro} rows={4} maxLength={2000} data-testid="org-description" />
      </Field>
      {org.kind === "GOVERNMENT" ? (
        <label className="flex items-center gap-2 text-sm text-slate-800 sm:col-span-2">
          <input type="checkbox" name="requiresNeedApproval" defaultChecked={org.requiresNeedApproval} disabled={ro} className="size-4 accent-brand-600" data-testid="org-requiresNeedApproval" />
          {t("profile.requiresNeedApproval")}
        </label>
      ) : null}
      {err("requiresNeedApproval") ? <p className="text-xs font-medium text-red-700 sm:col-span-2">{err("requiresNeedApproval")}</p> : null}
      {canEdit ? (
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending || !hydrated} data-testid="org-profile-submit">
            {pending ? t("profile.saving") : t("profile.save")}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
