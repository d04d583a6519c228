import "server-only";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";

/**
 * What every knight page starts with: the locale, the knight app's messages and the caller's knight profile
 * (null when the account has none). Signed-out visitors go to sign-in and back to `path`; other roles to
 * their dashboard — checked here in the page, not only in a layout.
 */
export async function loadKnightPage(params: Promise<{ locale: string }>, path: string) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, path));
  if (!can(actor.roles, "knight.self")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "knightApp");
  const profile = await getServerCaller()
    .then((c) => c.knight.me())
    .catch(() => null);
  return { locale, t, profile };
}
