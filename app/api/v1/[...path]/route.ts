import { createRestHandler } from "@/server/api/rest-handler";

/** The public REST API: every procedure with `meta.openapi`, served under /api/v1 (see server/api/rest-handler.ts). */
export const dynamic = "force-dynamic";

const handler = createRestHandler();

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
