import { createContext } from "@/server/api/trpc";
import { can } from "@/server/auth/permissions";
import { isAppError } from "@/server/errors";
import { getT } from "@/lib/i18n/server";
import { isLocale } from "@/lib/i18n/config";
import { buildCostReport, costReportCsv, COST_REPORT_CSV_COLUMNS, RECOVERY_CSV_COLUMNS } from "@/server/modules/compensation/cost-report";

export const dynamic = "force-dynamic";

const CSV_HEADER_KEY = {
  requisitionNumber: "col.number", supplier: "col.supplier", resource: "col.resource", mode: "col.mode", kind: "col.kind", description: "col.description",
  quantity: null, unit: null, amount: "col.amount", status: "col.status", approved: "col.approved", paid: "col.paid", reason: "col.reason",
  outstandingDays: "col.outstanding", handoverConfirmed: "handoverOk", returnConfirmed: "returnOk", photos: null, receipts: null,
} as const;

/** The incident's cost report as CSV (?locale=en for English headers); the incident's organisation only. */
export async function GET(req: Request, { params }: { params: Promise<{ incidentId: string }> }) {
  const { incidentId } = await params;
  const { db, actor } = await createContext({ headers: req.headers });
  if (!actor) return Response.json({ message: "Sign in to continue.", code: "UNAUTHORIZED" }, { status: 401 });
  if (!can(actor.roles, "compensation.read")) return Response.json({ message: "You do not have permission to do this.", code: "FORBIDDEN" }, { status: 403 });
  const requested = new URL(req.url).searchParams.get("locale") ?? "zh-CN";
  const locale = isLocale(requested) ? requested : "zh-CN";
  const t = await getT(locale, "compensation");
  const tr = await getT(locale, "costRecovery");
  try {
    const report = await buildCostReport(db, actor, incidentId);
    const headers = COST_REPORT_CSV_COLUMNS.map((c) => {
      const key = CSV_HEADER_KEY[c];
      return key ? t(`report.${key}`) : c;
    });
    return new Response(costReportCsv(report, headers, RECOVERY_CSV_COLUMNS.map((c) => tr(`csv.${c}`))), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="cost-report-${incidentId}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return Response.json({ message: e.message, code: "NOT_FOUND" }, { status: 404 });
    throw e;
  }
}
