"use client";

import { useMemo, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import { COMMON_UNITS, LISTING_STATUSES, PRICING_MODES, TRAVEL_RANGES, type TListingDto } from "@/lib/schemas/listings";
import type { TResourceTypeDto } from "@/lib/schemas/catalogue";
import { serverFieldErrors, type FieldErrorMap } from "@/components/auth/form-errors";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { LocationPicker } from "@/components/map/location-picker";
import { CapabilityFields } from "@/components/listings/form/capability-fields";
import { CredentialsEditor } from "@/components/listings/form/credentials-editor";
import { WindowsEditor } from "@/components/listings/form/windows-editor";
import { EligibilityNotice } from "@/components/listings/form/eligibility-notice";
import { emptyForm, formFromDto, formToInput, type ListingFormState } from "@/components/listings/form/form-state";

export type OwnerOrg = { id: string; name: string; nameEn: string | null; verified: boolean };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} />
      <CardBody className="space-y-4">{children}</CardBody>
    </Card>
  );
}

/** Create or edit a listing. Server field errors are shown next to the fields they are about. */
export function ListingForm(props: {
  types: TResourceTypeDto[];
  orgs: OwnerOrg[];
  tileUrl: string;
  tileAttribution?: string;
  listing?: TListingDto;
  justSaved?: boolean;
  listHref: string;
}) {
  const t = useT("listings");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const [s, setS] = useState<ListingFormState>(() => (props.listing ? formFromDto(props.listing) : { ...emptyForm, orgId: props.orgs[0]?.id ?? "" }));
  const [version, setVersion] = useState(props.listing?.version ?? 0);
  const [saved, setSaved] = useState<TListingDto | null>(props.justSaved && props.listing ? props.listing : null);
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const set = (patch: Partial<ListingFormState>) => setS((prev) => ({ ...prev, ...patch }));
  const error = (path: string) => errors[path]?.[0];

  const categories = useMemo(() => [...new Set(props.types.map((x) => x.category))], [props.types]);
  const type = props.types.find((x) => x.code === s.typeCode);
  const units = [...new Set([type?.defaultUnit ?? "unit", ...COMMON_UNITS])];
  const org = props.orgs.find((o) => o.id === s.orgId);

  const onError = (err: unknown) => {
    const fe = serverFieldErrors(err);
    const code = (err as { data?: { code?: string } }).data?.code;
    setErrors(code === "CONFLICT" ? { _form: [t("form.conflict")] } : { ...fe, _form: fe._form ?? [t("form.fixErrors")] });
    setSaved(null);
  };
  const create = useMutation(
    trpc.listing.create.mutationOptions({
      onSuccess: (dto) => router.replace(`/${locale}/listings/${dto.id}/edit?saved=1`),
      onError,
    }),
  );
  const update = useMutation(
    trpc.listing.update.mutationOptions({
      onSuccess: (dto) => {
        setVersion(dto.version);
        setSaved(dto);
        setErrors({});
        router.refresh();
      },
      onError,
    }),
  );
  const pending = create.isPending || update.isPending;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    const input = formToInput(s);
    if (props.listing) update.mutate({ ...(input as object), id: props.listing.id, version } as Parameters<typeof update.mutate>[0]);
    else create.mutate(input as Parameters<typeof create.mutate>[0]);
  }

  const point = s.lat !== "" && s.lng !== "" && !Number.isNaN(Number(s.lat)) && !Number.isNaN(Number(s.lng)) ? { lat: Number(s.lat), lng: Number(s.lng) } : undefined;

  return (
    <form onSubmit={submit} noValidate className="space-y-6" data-testid="listing-form">
      {errors._form ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="listing-form-error">
          {errors._form[0]}
        </p>
      ) : null}
      {saved ? (
        <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800" data-testid="listing-saved">
          {t("form.saved")}
        </div>
      ) : null}
      {props.listing ? <EligibilityNotice eligibility={(saved ?? props.listing).eligibility} /> : null}

      <Section title={t("form.sections.type")}>
        {props.orgs.length > 1 && !props.listing ? (
          <Field id="orgId" label={t("form.org")} error={error("orgId")}>
            <Select value={s.orgId} onChange={(e) => set({ orgId: e.target.value })}>
              {props.orgs.map((o) => <option key={o.id} value={o.id}>{localizedName(locale, o.name, o.nameEn)}</option>)}
            </Select>
          </Field>
        ) : null}
        {org && !org.verified ? <p className="text-sm text-amber-800" data-testid="unverified-hint">{t("form.unverifiedHint")}</p> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="category" label={t("form.category")} required>
            <Select value={s.category} onChange={(e) => set({ category: e.target.value, typeCode: "", caps: {} })} data-testid="listing-category">
              <option value="">{t("form.chooseType")}</option>
              {categories.map((c) => <option key={c} value={c}>{t(`categories.${c}`)}</option>)}
            </Select>
          </Field>
          <Field id="typeCode" label={t("form.type")} error={error("typeCode")} required>
            <Select
              value={s.typeCode}
              onChange={(e) => {
                const next = props.types.find((x) => x.code === e.target.value);
                set({ typeCode: e.target.value, caps: {}, unit: next?.defaultUnit ?? s.unit });
              }}
              data-testid="listing-type"
            >
              <option value="">{t("form.chooseType")}</option>
              {props.types.filter((x) => x.category === s.category).map((x) => (
                <option key={x.code} value={x.code}>{localizedName(locale, x.nameZh, x.nameEn)}</option>
              ))}
            </Select>
          </Field>
        </div>
        {type ? <p className="text-sm text-slate-600">{t("form.criteria", { text: locale === "en" ? type.minimumCriteriaEn : type.minimumCriteriaZh })}</p> : null}
        <CapabilityFields metrics={type?.metrics ?? []} value={s.caps} onChange={(caps) => set({ caps })} error={error} />
      </Section>

      <Section title={t("form.sections.basics")}>
        <Field id="title" label={t("form.title")} error={error("title")} required>
          <Input value={s.title} onChange={(e) => set({ title: e.target.value })} data-testid="listing-title" />
        </Field>
        <Field id="titleEn" label={t("form.titleEn")} hint={t("form.titleEnHint")} error={error("titleEn")}>
          <Input value={s.titleEn} onChange={(e) => set({ titleEn: e.target.value })} lang="en" maxLength={200} data-testid="listing-title-en" />
        </Field>
        <Field id="description" label={t("form.description")} error={error("description")}>
          <Textarea value={s.description} onChange={(e) => set({ description: e.target.value })} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="quantity" label={t("form.quantity")} error={error("quantity")} required>
            <Input type="number" min={1} step={1} value={s.quantity} onChange={(e) => set({ quantity: e.target.value })} data-testid="listing-quantity" />
          </Field>
          <Field id="unit" label={t("form.unit")} error={error("unit")} required>
            <Select value={s.unit} onChange={(e) => set({ unit: e.target.value })} data-testid="listing-unit">
              <option value="">–</option>
              {units.map((u) => <option key={u} value={u}>{u}</option>)}
            </Select>
          </Field>
          <Field id="status" label={t("form.status")} error={error("status")}>
            <Select value={s.status} onChange={(e) => set({ status: e.target.value as ListingFormState["status"] })} data-testid="listing-status">
              {LISTING_STATUSES.map((x) => <option key={x} value={x}>{t(`status.${x}`)}</option>)}
            </Select>
          </Field>
        </div>
      </Section>

      <Section title={t("form.sections.location")}>
        <p className="text-sm text-slate-600">{t("form.mapHint")}</p>
        <LocationPicker
          value={point}
          onChange={(v) => set({ lat: String(v.lat), lng: String(v.lng) })}
          tileUrl={props.tileUrl}
          tileAttribution={props.tileAttribution}
          testId="listing-map"
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="lat" label={t("form.lat")} error={error("lat")} required>
            <Input type="number" step="any" value={s.lat} onChange={(e) => set({ lat: e.target.value })} data-testid="listing-lat" />
          </Field>
          <Field id="lng" label={t("form.lng")} error={error("lng")} required>
            <Input type="number" step="any" value={s.lng} onChange={(e) => set({ lng: e.target.value })} data-testid="listing-lng" />
          </Field>
        </div>
        <Field id="address" label={t("form.address")} error={error("address") ?? error("regionCode")} required>
          <Input value={s.address} onChange={(e) => set({ address: e.target.value })} data-testid="listing-address" />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="travelRange" label={t("form.travelRange")} error={error("travelRange")}>
            <Select value={s.travelRange} onChange={(e) => set({ travelRange: e.target.value as ListingFormState["travelRange"] })}>
              {TRAVEL_RANGES.map((x) => <option key={x} value={x}>{t(`travel.${x}`)}</option>)}
            </Select>
          </Field>
          <Field id="maxTravelKm" label={t("form.maxTravelKm")} error={error("maxTravelKm")} required>
            <Input type="number" min={1} max={5000} value={s.maxTravelKm} onChange={(e) => set({ maxTravelKm: e.target.value })} />
          </Field>
          <Field id="mobilizationMinutes" label={t("form.mobilizationMinutes")} error={error("mobilizationMinutes")} required>
            <Input type="number" min={0} max={10080} value={s.mobilizationMinutes} onChange={(e) => set({ mobilizationMinutes: e.target.value })} />
          </Field>
        </div>
      </Section>

      <Section title={t("form.sections.availability")}>
        <WindowsEditor value={s.windows} onChange={(windows) => set({ windows })} error={error} />
      </Section>

      <Section title={t("form.sections.credentials")}>
        <CredentialsEditor value={s.credentials} onChange={(credentials) => set({ credentials })} error={error} />
      </Section>

      <Section title={t("form.sections.pricing")}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="pricingMode" label={t("form.pricingMode")} error={error("pricingMode")}>
            <Select
              value={s.pricingMode}
              onChange={(e) => set({ pricingMode: e.target.value as ListingFormState["pricingMode"], ...(e.target.value === "FREE" ? { priceYuan: "0" } : {}) })}
              data-testid="listing-pricing"
            >
              {PRICING_MODES.map((x) => <option key={x} value={x}>{t(`pricing.${x}`)}</option>)}
            </Select>
          </Field>
          <Field id="price" label={t("form.price")} error={error("priceCents")}>
            <Input type="number" min={0} step="0.01" value={s.priceYuan} disabled={s.pricingMode === "FREE"} onChange={(e) => set({ priceYuan: e.target.value })} data-testid="listing-price" />
          </Field>
          <Field id="deposit" label={t("form.deposit")} error={error("depositCents")}>
            <Input type="number" min={0} step="0.01" value={s.depositYuan} onChange={(e) => set({ depositYuan: e.target.value })} />
          </Field>
        </div>
      </Section>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="listing-save">
          {pending ? t("form.saving") : t("form.save")}
        </Button>
        <ButtonLink href={props.listHref} variant="ghost">{t("form.cancel")}</ButtonLink>
        {props.listing ? <span className="text-xs text-slate-500">{t("form.version", { version: String(version) })}</span> : null}
      </div>
    </form>
  );
}
