import { redirect } from "next/navigation";
import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import type { Actor } from "@/server/auth/actor-type";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The command pages' own guard (never only the layout's): no session → sign-in and back; signed in without
 * command.read (suppliers, experts, knights) → null, and the page shows CommandForbidden. Which regions a
 * government member may open is checked again by every procedure (command-access.ts).
 */
export async function requireCommandViewer(locale: Locale, returnTo: string): Promise<Actor | null> {
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, returnTo));
  return can(actor.roles, "command.read") ? actor : null;
}

export async function CommandForbidden({ locale }: { locale: Locale }) {
  const t = await getT(locale, "commandMap");
  return (
    <EmptyState
      title={t("forbidden.title")}
      description={t("forbidden.body")}
      action={{ href: localeHref(locale, paths.dashboard), label: t("forbidden.back") }}
      data-testid="command-forbidden"
    />
  );
}

export async function CommandNotFound({ locale }: { locale: Locale }) {
  const t = await getT(locale, "commandMap");
  return (
    <EmptyState
      title={t("notFound.title")}
      description={t("notFound.body")}
      action={{ href: localeHref(locale, paths.command), label: t("notFound.back") }}
      data-testid="command-not-found"
    />
  );
}

/** Wall interval from ?interval= (seconds), clamped to 5 s … 10 min; 30 s by default. */
export function wallInterval(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(n) && n > 0 ? Math.min(600, Math.max(5, Math.round(n))) : 30;
}
