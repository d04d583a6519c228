import { redirect } from "next/navigation";
import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import type { Actor } from "@/server/auth/actor-type";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The incident pages' own guard (never only the layout's): no session → sign-in and back; a signed-in
 * person without incident access (supplier, expert, knight) → null, and the page shows RoleForbidden.
 */
export async function requireIncidentReader(locale: Locale, returnTo: string): Promise<Actor | null> {
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, returnTo));
  return can(actor.roles, "incident.read") ? actor : null;
}

/** "Not available for your role" — a clear state instead of an error page. */
export async function RoleForbidden({ locale }: { locale: Locale }) {
  const t = await getT(locale, "incidents");
  return (
    <EmptyState
      title={t("forbidden.title")}
      description={t("forbidden.body")}
      action={{ href: localeHref(locale, paths.dashboard), label: t("forbidden.back") }}
      data-testid="incidents-forbidden"
    />
  );
}

/** tRPC error code of a failed server call (NOT_FOUND, FORBIDDEN…), or undefined. */
export function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}
