import { createContext } from "@/server/api/trpc";
import { handleLiveSse } from "@/server/api/live-sse";

export const dynamic = "force-dynamic";
// Node runtime: the live hub holds a PostgreSQL LISTEN connection per process (server/modules/live/live-hub.ts).
// The body is streamed (no-transform, X-Accel-Buffering: no), which Next passes through chunk by chunk; a
// client disconnect aborts req.signal and ends the subscription.
export const runtime = "nodejs";

/** The caller's live events (?topic=…&topic=…, Last-Event-ID to resume): server/api/live-sse.ts. */
export function GET(req: Request) {
  return handleLiveSse(req, () => createContext({ headers: req.headers, http: { transport: "sse", resHeaders: new Headers() } }));
}
