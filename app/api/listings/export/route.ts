import { createContext } from "@/server/api/trpc";
import { can } from "@/server/auth/permissions";
import { exportListingsCsv } from "@/server/modules/listings/export-listings";

export const dynamic = "force-dynamic";

/** The signed-in owner's listings as a CSV download (same columns as the import template). */
export async function GET(req: Request) {
  const { db, actor } = await createContext({ headers: req.headers });
  if (!actor) return Response.json({ message: "Sign in to continue.", code: "UNAUTHORIZED" }, { status: 401 });
  if (!can(actor.roles, "listing.own")) return Response.json({ message: "You do not have permission to do this.", code: "FORBIDDEN" }, { status: 403 });
  const { fileName, csv } = await exportListingsCsv(db, actor);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
