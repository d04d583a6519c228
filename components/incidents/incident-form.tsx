"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { useTRPC } from "@/lib/trpc/react";
import { INCIDENT_KINDS, SEVERITIES, ZCreateIncidentInput, type TIncidentKind, type TSeverity } from "@/lib/schemas/incidents";
import { localeHref } from "@/components/layout/routes";
import { zodFieldErrors, serverFieldErrors, type FieldErrorMap } from "@/components/auth/form-errors";
import { FormAlert } from "@/components/auth/form-alert";
import { RegionSelect, type RegionOption } from "@/components/auth/region-select";
import { useHydrated } from "@/components/auth/use-hydrated";
import { pointsToPolygon, type LatLng } from "@/components/incidents/area-geojson";
import { AreaPicker } from "@/components/incidents/area-picker";
import { incidentPath, incidentsPath } from "@/components/incidents/incident-view";
import { TemplatePicker, type TemplateChoice } from "@/components/incidents/template-picker";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";

/** Post an incident: template (its needs are posted with it), the basics, and where it is on the map. */
export function IncidentForm({ regions, tileUrl, tileAttribution }: { regions: RegionOption[]; tileUrl: string; tileAttribution?: string }) {
  const t = useT("incidents");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const [kind, setKind] = useState<TIncidentKind>("FLOOD");
  const [severity, setSeverity] = useState<TSeverity>("III");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [address, setAddress] = useState("");
  const [regionCode, setRegionCode] = useState("");
  const [location, setLocation] = useState<LatLng | null>(null);
  const [area, setArea] = useState<LatLng[]>([]);
  const [templateCode, setTemplateCode] = useState("");
  const [choices, setChoices] = useState<TemplateChoice[]>([]);
  const [errors, setErrors] = useState<FieldErrorMap>({});

  const templates = useQuery(trpc.need.templates.queryOptions({ kind }));
  const create = useMutation(trpc.incident.create.mutationOptions());
  const list = templates.data ?? [];
  const template = list.find((x) => x.code === templateCode);

  function pickTemplate(code: string) {
    setTemplateCode(code);
    const chosen = list.find((x) => x.code === code);
    setChoices(chosen ? chosen.items.map((i) => ({ include: true, quantity: String(i.quantity) })) : []);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    // Template items the person kept, and where each sits in the template (server errors point at the sent list).
    const kept = template ? template.items.map((item, i) => ({ item, i, choice: choices[i] })).filter((x) => x.choice?.include) : [];
    const input = {
      title,
      kind,
      severity,
      description: description || undefined,
      address,
      regionCode,
      lat: location?.lat,
      lng: location?.lng,
      area: pointsToPolygon(area) ?? undefined,
      status: "ACTIVE" as const,
      templateCode: template ? template.code : undefined,
      templateItems: template ? kept.map((x) => ({ typeCode: x.item.typeCode, quantity: Number(x.choice.quantity) })) : undefined,
    };
    const remap = (m: FieldErrorMap): FieldErrorMap => {
      const out: FieldErrorMap = {};
      for (const [k, v] of Object.entries(m)) {
        const hit = /^templateItems\.(\d+)\.(.+)$/.exec(k);
        const key = hit ? `templateItems.${kept[Number(hit[1])]?.i ?? hit[1]}.${hit[2]}` : k === "lat" || k === "lng" ? "location" : k;
        (out[key] ??= []).push(...v);
      }
      if (out.location) out.location = [t("form.locationMissing")];
      return out;
    };
    const local: FieldErrorMap = area.length > 0 && area.length < 3 ? { area: [t("form.areaTooFew")] } : {};
    const parsed = ZCreateIncidentInput.safeParse(input);
    if (!parsed.success || Object.keys(local).length) {
      setErrors({ ...(parsed.success ? {} : remap(zodFieldErrors(parsed.error))), ...local });
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (res) => router.push(localeHref(locale, incidentPath(res.id))),
      onError: (err) => setErrors(remap(serverFieldErrors(err))),
    });
  }

  const err = (k: string) => errors[k]?.[0];
  const busy = create.isPending || create.isSuccess;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" data-testid="incident-form">
      {err("_form") ? <FormAlert data-testid="incident-form-error">{t("form.failed", { message: err("_form")! })}</FormAlert> : null}
      <Card>
        <CardHeader title={t("form.basicsSection")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field id="incident-title" label={t("form.title")} error={err("title")} required className="sm:col-span-2">
            <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t("form.titlePlaceholder")} maxLength={120} data-testid="incident-title" />
          </Field>
          <Field id="incident-kind" label={t("form.kind")} error={err("kind")} required>
            <Select
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as TIncidentKind);
                pickTemplate("");
              }}
              data-testid="incident-kind"
            >
              {INCIDENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="incident-severity" label={t("form.severity")} error={err("severity")} required>
            <Select value={severity} onChange={(e) => setSeverity(e.target.value as TSeverity)} data-testid="incident-severity">
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`severity.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="incident-description" label={t("form.description")} error={err("description")} className="sm:col-span-2">
            <Textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={5000} data-testid="incident-description" />
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("form.locationSection")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <AreaPicker
              location={location}
              area={area}
              onLocation={setLocation}
              onArea={setArea}
              tileUrl={tileUrl}
              tileAttribution={tileAttribution}
              locationError={err("location")}
              areaError={err("area")}
            />
          </div>
          <Field id="incident-address" label={t("form.address")} error={err("address")} required>
            <Input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={200} data-testid="incident-address" />
          </Field>
          <Field id="incident-region" label={t("form.region")} error={err("regionCode")} required>
            <RegionSelect
              regions={regions}
              placeholder={t("form.regionPlaceholder")}
              excludeProvinces
              defaultValue=""
              onChange={(e) => setRegionCode(e.target.value)}
              data-testid="incident-region"
            />
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("form.templateSection")} />
        <CardBody>
          <TemplatePicker
            templates={list}
            loading={templates.isLoading}
            code={templateCode}
            choices={choices}
            errors={errors}
            onPick={pickTemplate}
            onChoice={(i, c) => setChoices((prev) => prev.map((p, j) => (j === i ? c : p)))}
          />
        </CardBody>
      </Card>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <ButtonLink href={localeHref(locale, incidentsPath)} variant="ghost">
          {t("form.cancel")}
        </ButtonLink>
        <Button type="submit" size="lg" disabled={busy || !hydrated} aria-busy={busy || undefined} data-testid="incident-submit">
          {busy ? t("form.submitting") : t("form.submit")}
        </Button>
      </div>
    </form>
  );
}
