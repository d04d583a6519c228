import type { Metadata } from "next";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { INCIDENT_KINDS, INCIDENT_STATUSES, SEVERITIES } from "@/lib/schemas/incidents";
import { localeHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { loadSignUpRegions } from "@/components/auth/sign-up-data";
import { RoleForbidden, requireIncidentReader } from "@/components/incidents/incident-access";
import { IncidentFilters } from "@/components/incidents/incident-filters";
import { IncidentList } from "@/components/incidents/incident-list";
import { incidentsPath, newIncidentPath, pickEnum } from "@/components/incidents/incident-view";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "incidents");
  return { title: t("meta.list") };
}

/** Incidents the person may see, filtered by status/kind/severity/region from the URL; cursor-paged. */
export default async function IncidentsPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await requireIncidentReader(locale, incidentsPath);
  if (!actor) return <RoleForbidden locale={locale} />;
  const t = await getT(locale, "incidents");
  const sp = await searchParams;
  const region = typeof sp.region === "string" && /^\d{6}$/.test(sp.region) ? sp.region : undefined;
  const cursor = typeof sp.cursor === "string" && sp.cursor ? sp.cursor : undefined;
  const filters = {
    status: pickEnum(INCIDENT_STATUSES, sp.status),
    kind: pickEnum(INCIDENT_KINDS, sp.kind),
    severity: pickEnum(SEVERITIES, sp.severity),
    regionCode: region,
  };
  const [list, regions] = await Promise.all([
    getServerCaller().then((c) => c.incident.list({ ...filters, cursor, limit: 20 })),
    loadSignUpRegions(),
  ]);
  const filtered = Object.values(filters).some(Boolean);
  const mayCreate = can(actor.roles, "incident.write");
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: filters.status, kind: filters.kind, severity: filters.severity, region })) if (v) q.set(k, v);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    const s = q.toString();
    return localeHref(locale, incidentsPath) + (s ? `?${s}` : "");
  };

  return (
    <div data-testid="incidents-page">
      <PageHeader
        title={t("list.title")}
        subtitle={t("list.subtitle")}
        actions={
          mayCreate ? (
            <ButtonLink href={localeHref(locale, newIncidentPath)} data-testid="new-incident">
              {t("list.newButton")}
            </ButtonLink>
          ) : null
        }
      />
      <IncidentFilters locale={locale} filters={filters} regions={regions} />
      {list.items.length === 0 ? (
        filtered || cursor ? (
          <EmptyState
            title={t("list.noMatchTitle")}
            description={t("list.noMatchBody")}
            action={{ href: localeHref(locale, incidentsPath), label: t("filters.reset") }}
            data-testid="incidents-no-match"
          />
        ) : (
          <EmptyState
            title={t("list.emptyTitle")}
            description={t("list.emptyBody")}
            action={mayCreate ? { href: localeHref(locale, newIncidentPath), label: t("list.emptyAction") } : undefined}
            data-testid="incidents-empty"
          />
        )
      ) : (
        <IncidentList locale={locale} items={list.items} />
      )}
      <nav className="mt-6 flex justify-between gap-2" aria-label={t("list.caption")}>
        {cursor ? (
          <ButtonLink href={query({})} variant="outline" size="sm">
            {t("list.firstPage")}
          </ButtonLink>
        ) : (
          <span />
        )}
        {list.nextCursor ? (
          <ButtonLink href={query({ cursor: list.nextCursor })} variant="outline" size="sm" data-testid="incidents-next">
            {t("list.nextPage")}
          </ButtonLink>
        ) : null}
      </nav>
    </div>
  );
}
