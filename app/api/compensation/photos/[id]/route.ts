import { readEvidencePhoto } from "@/server/modules/compensation/evidence-files";
import { fileResponse } from "@/server/api/file-response";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** A handover or return photo, for the requisition's two sides only. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return fileResponse(req, (await params).id, readEvidencePhoto);
}
