import { createContext } from "@/server/api/trpc";
import { can } from "@/server/auth/permissions";
import { importTemplateCsv } from "@/server/modules/listings/export-listings";

export const dynamic = "force-dynamic";

/** The CSV import template: the header row and one example row. */
export async function GET(req: Request) {
  const { actor } = await createContext({ headers: req.headers });
  if (!actor) return Response.json({ message: "Sign in to continue.", code: "UNAUTHORIZED" }, { status: 401 });
  if (!can(actor.roles, "listing.write")) return Response.json({ message: "You do not have permission to do this.", code: "FORBIDDEN" }, { status: 403 });
  return new Response(importTemplateCsv(), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="muster-listings-template.csv"',
      "cache-control": "no-store",
    },
  });
}
