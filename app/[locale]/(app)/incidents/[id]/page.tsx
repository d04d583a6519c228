import type { Metadata } from "next";
import { env } from "@/lib/env";
import { can } from "@/server/auth/permissions";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getQueryClient, HydrateClient, trpc } from "@/lib/trpc/server";
import { localeHref } from "@/components/layout/routes";
import { errorCode, RoleForbidden, requireIncidentReader } from "@/components/incidents/incident-access";
import { IncidentDetail } from "@/components/incidents/incident-detail";
import { incidentPath, incidentsPath } from "@/components/incidents/incident-view";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "incidents");
  return { title: t("meta.detail") };
}

/**
 * The incident page. The server checks access and loads incident.get into the query cache; the client
 * body reads it from there, so actions that invalidate it redraw the page with fresh figures.
 */
export default async function IncidentPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id } = await params;
  const actor = await requireIncidentReader(locale, incidentPath(id));
  if (!actor) return <RoleForbidden locale={locale} />;
  const t = await getT(locale, "incidents");
  try {
    await getQueryClient().fetchQuery(trpc.incident.get.queryOptions({ id }));
  } catch (error) {
    const code = errorCode(error);
    if (code === "NOT_FOUND" || code === "FORBIDDEN" || code === "BAD_REQUEST") {
      return (
        <EmptyState
          title={t("notFound.title")}
          description={t("notFound.body")}
          action={{ href: localeHref(locale, incidentsPath), label: t("notFound.back") }}
          data-testid="incident-not-found"
        />
      );
    }
    throw error;
  }
  return (
    <HydrateClient>
      <IncidentDetail id={id} tileUrl={env.MAP_TILE_URL} tileAttribution={env.MAP_TILE_ATTRIBUTION} canReadCostReport={can(actor.roles, "compensation.read")} />
    </HydrateClient>
  );
}
