import { servePdf } from "@/app/api/incidents/[id]/report/pdf-handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The after-action report as PDF: the printable report page rendered by headless Chromium as the reader,
 * after access, the reader's PDF budget and a render slot (pdf-handler.ts).
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return servePdf(req, (await params).id);
}
