import { aarFileName } from "@/server/modules/command/aar/aar-csv";
import { PdfUnavailableError, renderPagePdf } from "@/server/modules/command/aar/render-report-pdf";
import { PDF_RENDER_GATE, RenderBusyError, type RenderGate } from "@/server/modules/command/aar/render-gate";
import { DEFAULT_RATE_LIMITER, type RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import { chargePdfExport } from "@/server/modules/rate-limit/pdf-budget";
import { loadReportFor } from "@/app/api/incidents/[id]/report/aar-route";

const UNAVAILABLE = {
  "zh-CN": "此服务器上无法生成 PDF（没有可用的 Chromium）。请打开报告页面，使用浏览器的“打印”另存为 PDF。",
  en: "PDF export is unavailable on this server (no Chromium). Open the report page and use the browser's Print to save it as PDF.",
} as const;
const BUSY = {
  "zh-CN": "正在生成的报告过多，请稍后再试，或打开报告页面用浏览器的“打印”另存为 PDF。",
  en: "Too many reports are being rendered right now. Try again shortly, or open the report page and use the browser's Print to save it as PDF.",
} as const;
const LIMITED = {
  "zh-CN": "导出 PDF 过于频繁（每 {w} 秒最多 {n} 次）。请稍后再试。",
  en: "Too many PDF exports (at most {n} every {w} s). Try again later.",
} as const;

export type PdfDeps = { render: typeof renderPagePdf; gate: RenderGate; limiter: RateLimiter };
const DEFAULTS: PdfDeps = { render: renderPagePdf, gate: PDF_RENDER_GATE, limiter: DEFAULT_RATE_LIMITER };

/**
 * GET /api/incidents/<id>/report/pdf: access first (401/403/404 as the page), then the reader's PDF budget
 * (429), then a render slot (503 when the line is full or the wait runs out), each refusal with Retry-After.
 */
export async function servePdf(req: Request, id: string, deps: PdfDeps = DEFAULTS): Promise<Response> {
  const loaded = await loadReportFor(req, id);
  if (loaded instanceof Response) return loaded;
  const { locale } = loaded;
  const hit = await chargePdfExport(loaded.db, deps.limiter, loaded.actor);
  if (!hit.allowed) {
    const message = LIMITED[locale].replace("{n}", String(hit.limit)).replace("{w}", String(hit.windowSeconds));
    return Response.json({ message, code: "TOO_MANY_REQUESTS" }, { status: 429, headers: { "retry-after": String(hit.resetSeconds) } });
  }
  const printPath = `/${locale}/incidents/${encodeURIComponent(id)}/report`;
  try {
    const pdf = await deps.gate.run(() => deps.render(printPath, req.headers.get("cookie"), '[data-testid="aar-page"]'));
    return new Response(Buffer.from(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${aarFileName(loaded.report, "pdf")}"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    if (e instanceof RenderBusyError) {
      return Response.json({ message: BUSY[locale], code: "PDF_BUSY", printPage: printPath }, { status: 503, headers: { "retry-after": String(e.retryAfterSeconds) } });
    }
    if (!(e instanceof PdfUnavailableError)) throw e;
    return Response.json({ message: UNAVAILABLE[locale], code: "PDF_UNAVAILABLE", printPage: printPath }, { status: 503 });
  }
}
