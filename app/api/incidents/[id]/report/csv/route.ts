import { aarCsv, aarFileName } from "@/server/modules/command/aar/aar-csv";
import { loadReportFor } from "@/app/api/incidents/[id]/report/aar-route";

export const dynamic = "force-dynamic";

/** The incident's after-action report as CSV (one long table; see aar-csv.ts). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const loaded = await loadReportFor(req, (await params).id);
  if (loaded instanceof Response) return loaded;
  return new Response(aarCsv(loaded.report, loaded.locale), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${aarFileName(loaded.report, "csv")}"`,
      "cache-control": "no-store",
    },
  });
}
