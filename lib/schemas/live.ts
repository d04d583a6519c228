import { z } from "zod";

/** A live_event id as the decimal string SSE carries in `id:` / Last-Event-ID. */
export const ZLiveEventId = z.string().regex(/^\d{1,19}$/, "Invalid event id");

/** The live stream (GET /api/live): up to 20 topics (built with liveTopics); `lastEventId` resumes after that event. */
export const ZLiveEventsInput = z.object({
  topics: z.array(z.string().min(1).max(120)).min(1).max(20),
  lastEventId: ZLiveEventId.nullish(),
});
export type TLiveEventsInput = z.infer<typeof ZLiveEventsInput>;

/** The live stream's route: a plain text/event-stream (app/api/live/route.ts), not a tRPC procedure. */
export const LIVE_STREAM_PATH = "/api/live";

/**
 * The stream's URL for these topics: one `topic` parameter each (topics are free text up to the colon), and
 * `lastEventId` for the first connect; a reconnecting EventSource sends the standard Last-Event-ID header,
 * which wins over the parameter.
 */
export function liveStreamPath(topics: readonly string[], lastEventId?: string | null): string {
  const q = new URLSearchParams();
  for (const t of topics) q.append("topic", t);
  if (lastEventId) q.set("lastEventId", lastEventId);
  return `${LIVE_STREAM_PATH}?${q.toString()}`;
}

/** The stream's input from its URL and headers (validate with ZLiveEventsInput). */
export function liveStreamQuery(url: URL, headers: Headers): { topics: string[]; lastEventId: string | null } {
  return { topics: url.searchParams.getAll("topic"), lastEventId: headers.get("last-event-id") || url.searchParams.get("lastEventId") || null };
}

/** One delivered event. `kind` e.g. "offer.new", "notification.new"; `live.reset` = refetch your state. */
export type TLiveEventDto = { id: string; topic: string; kind: string; data: Record<string, unknown> };

/**
 * A resource offer changed (sent, accepted, declined, expired, withdrawn, a progress step): on the supplier's
 * topic and the need's and incident's. Data: assignmentId, needId, incidentId, status, quantity, holdExpiresAt.
 */
export const RESOURCE_OFFER_EVENT = "resourceOffer.updated";

export const ZMyLiveTopics = z.object({ topics: z.array(z.string()) });
export type TMyLiveTopics = z.infer<typeof ZMyLiveTopics>;
