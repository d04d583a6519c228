import { notFound, redirect } from "next/navigation";
import { getLocaleFromParams } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { incidentPath } from "@/components/incidents/incident-view";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<{ q?: string | string[] }> };

/**
 * Where a need found by search opens: its incident page for whoever runs the incident (admins too); for a
 * supplier, the work board searched for it (suppliers never read the incident itself).
 */
export default async function NeedPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id } = await params;
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.dashboard));
  if (can(actor.roles, "incident.read")) {
    const need = await (await getServerCaller()).need.get({ id }).catch(() => null);
    if (need) redirect(localeHref(locale, incidentPath(need.incidentId)));
  }
  if (can(actor.roles, "volunteer.offer")) {
    const q = [(await searchParams).q].flat()[0]?.trim().slice(0, 100);
    redirect(`${localeHref(locale, paths.workBoard)}${q ? `?q=${encodeURIComponent(q)}` : ""}`);
  }
  notFound();
}
