import type { Metadata } from "next";
import { env } from "@/lib/env";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { can } from "@/server/auth/permissions";
import { PageHeader } from "@/components/layout/page-header";
import { loadSignUpRegions } from "@/components/auth/sign-up-data";
import { RoleForbidden, requireIncidentReader } from "@/components/incidents/incident-access";
import { IncidentForm } from "@/components/incidents/incident-form";
import { newIncidentPath } from "@/components/incidents/incident-view";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "incidents");
  return { title: t("meta.create") };
}

/** Post an incident (government requesters; the procedure also checks the organisation). */
export default async function NewIncidentPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await requireIncidentReader(locale, newIncidentPath);
  if (!actor || !can(actor.roles, "incident.write")) return <RoleForbidden locale={locale} />;
  const [t, regions] = await Promise.all([getT(locale, "incidents"), loadSignUpRegions()]);
  return (
    <div className="mx-auto max-w-3xl" data-testid="new-incident-page">
      <PageHeader title={t("meta.create")} subtitle={t("form.templateHint")} />
      <IncidentForm regions={regions} tileUrl={env.MAP_TILE_URL} tileAttribution={env.MAP_TILE_ATTRIBUTION} />
    </div>
  );
}
