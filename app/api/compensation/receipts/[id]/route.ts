import { readReceipt } from "@/server/modules/compensation/evidence-files";
import { fileResponse } from "@/server/api/file-response";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** A claim line's receipt (photo or PDF), for the claim's two sides only. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return fileResponse(req, (await params).id, readReceipt);
}
