import { ZLiveEventsInput, liveStreamQuery } from "@/lib/schemas/live";
import { requirePermission } from "@/server/auth/require-permission";
import { AppError } from "@/server/errors";
import { limitRequest, zodFieldErrors, type Context } from "@/server/api/trpc";
import { httpErrorResponse } from "@/server/api/http-error";
import { getLiveHub, type LiveHub } from "@/server/modules/live/live-hub";
import { openLiveSse } from "@/server/modules/live/live-sse-response";

/**
 * GET /api/live: the caller's live events as server-sent events, outside tRPC (whose SSE stack held ~63 KB
 * per connection). The same gates as a tRPC subscription, in the same order: the caller's context (session
 * or API key), the request budget, `live.read`, the input, then per-topic authorisation. Every refusal is
 * an HTTP status with a JSON body before the stream starts. `context` is createContext in the app; tests and
 * the benchmark pass a fixed actor.
 */
export async function handleLiveSse(req: Request, context: () => Promise<Context>, hub: LiveHub = getLiveHub()): Promise<Response> {
  let ctx: Context | null = null;
  try {
    ctx = await context();
    await limitRequest(ctx, "subscription");
    const actor = requirePermission(ctx.actor, "live.read");
    const parsed = ZLiveEventsInput.safeParse(liveStreamQuery(new URL(req.url), req.headers));
    if (!parsed.success) throw new AppError("BAD_REQUEST", "Invalid live stream request.", zodFieldErrors(parsed.error));
    const res = await openLiveSse(ctx.db, hub, actor, parsed.data, req.signal);
    ctx.http?.resHeaders.forEach((value, name) => res.headers.set(name, value));
    return res;
  } catch (e) {
    return httpErrorResponse(e, ctx?.http?.resHeaders);
  }
}
