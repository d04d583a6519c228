import { createContext } from "@/server/api/trpc";
import { can } from "@/server/auth/permissions";
import { isAppError } from "@/server/errors";
import type { Actor } from "@/server/auth/actor-type";
import type { Db } from "@/server/db";
import { isLocale, type Locale } from "@/lib/i18n/config";
import type { TAarReport } from "@/lib/schemas/aar";
import { loadAar } from "@/server/modules/command/aar/load-aar";

const STATUS = { NOT_FOUND: 404, FORBIDDEN: 403, BAD_REQUEST: 400, UNAUTHORIZED: 401 } as const;

/**
 * The export handlers' shared front: session (401), incident.read (403), then the report's own access rule
 * (404 for an incident the caller may not see, as the page says). Returns the report or the error response.
 */
export async function loadReportFor(req: Request, id: string): Promise<{ report: TAarReport; locale: Locale; db: Db; actor: Actor } | Response> {
  const { db, actor } = await createContext({ headers: req.headers });
  if (!actor) return Response.json({ message: "Sign in to continue.", code: "UNAUTHORIZED" }, { status: 401 });
  if (!can(actor.roles, "incident.read")) return Response.json({ message: "You do not have permission to do this.", code: "FORBIDDEN" }, { status: 403 });
  const raw = new URL(req.url).searchParams.get("locale");
  const locale: Locale = isLocale(raw) ? raw : "zh-CN";
  try {
    return { report: await loadAar(db, actor, id), locale, db, actor };
  } catch (e) {
    if (isAppError(e) && e.code in STATUS) return Response.json({ message: e.message, code: e.code }, { status: STATUS[e.code as keyof typeof STATUS] });
    throw e;
  }
}
