import { appRouter } from "@/server/api/root";
import { getOpenApiDocument } from "@/server/api/openapi";

/** The OpenAPI 3.1 document for /api/v1, generated from the same zod schemas the procedures validate with. */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(getOpenApiDocument(appRouter), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
