import { aarFileName } from "@/server/modules/command/aar/aar-csv";
import { PdfUnavailableError, renderPagePdf } from "@/server/modules/command/aar/render-report-pdf";
import { loadReportFor } from "@/app/api/incidents/[id]/report/aar-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const UNAVAILABLE = {
  "zh-CN": "此服务器上无法生成 PDF（没有可用的 Chromium）。请打开报告页面，使用浏览器的“打印”另存为 PDF。",
  en: "PDF export is unavailable on this server (no Chromium). Open the report page and use the browser's Print to save it as PDF.",
} as const;

/**
 * The after-action report as PDF: the printable report page rendered by headless Chromium as the reader.
 * Access is checked before a browser starts; without a browser, a plain 503 that points to the print page.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = (await params).id;
  const loaded = await loadReportFor(req, id);
  if (loaded instanceof Response) return loaded;
  const printPath = `/${loaded.locale}/incidents/${encodeURIComponent(id)}/report`;
  try {
    const pdf = await renderPagePdf(printPath, req.headers.get("cookie"), '[data-testid="aar-page"]');
    return new Response(Buffer.from(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${aarFileName(loaded.report, "pdf")}"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    if (!(e instanceof PdfUnavailableError)) throw e;
    return Response.json({ message: UNAVAILABLE[loaded.locale], code: "PDF_UNAVAILABLE", printPage: printPath }, { status: 503 });
  }
}
