import type { Metadata } from "next";
import { env } from "@/lib/env";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { errorCode, RoleForbidden, requireIncidentReader } from "@/components/incidents/incident-access";
import { editNeedPath, incidentPath, incidentsPath } from "@/components/incidents/incident-view";
import { EditNeed } from "@/components/needs/edit-need";
import { needActions } from "@/components/needs/need-view";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string; id: string; needId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "incidents");
  return { title: t("meta.editNeed") };
}

/** Edit one need of an incident the person's organisation owns (the procedure checks it again). */
export default async function EditNeedPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id, needId } = await params;
  const actor = await requireIncidentReader(locale, editNeedPath(id, needId));
  if (!actor || !can(actor.roles, "incident.write")) return <RoleForbidden locale={locale} />;
  const t = await getT(locale, "incidents");
  const data = await getServerCaller()
    .then((c) => c.incident.get({ id }))
    .catch((error: unknown) => {
      if (["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"].includes(errorCode(error) ?? "")) return null;
      throw error;
    });
  const need = data?.needs.find((n) => n.id === needId);
  if (!data || !need || !data.incident.canEdit || !needActions(need.status).includes("edit")) {
    return (
      <EmptyState
        title={t("notFound.title")}
        description={t("notFound.body")}
        action={{ href: localeHref(locale, data ? incidentPath(id) : incidentsPath), label: t("notFound.back") }}
        data-testid="need-not-editable"
      />
    );
  }
  const back = localeHref(locale, incidentPath(id));
  return (
    <div className="mx-auto max-w-3xl" data-testid="edit-need-page">
      <PageHeader
        title={t("meta.editNeed")}
        subtitle={`${data.incident.title} · ${need.title}`}
        actions={
          <ButtonLink href={back} variant="ghost">
            {t("detail.backToIncident")}
          </ButtonLink>
        }
      />
      <Card>
        <CardBody>
          <EditNeed incident={data.incident} need={need} backHref={back} tileUrl={env.MAP_TILE_URL} tileAttribution={env.MAP_TILE_ATTRIBUTION} />
        </CardBody>
      </Card>
    </div>
  );
}
