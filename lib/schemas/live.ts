import { z } from "zod";

/** A live_event id as the decimal string SSE carries in `id:` / Last-Event-ID. */
export const ZLiveEventId = z.string().regex(/^\d{1,19}$/, "Invalid event id");

/** `live.events`: up to 20 topics (built with liveTopics); `lastEventId` resumes after that event. */
export const ZLiveEventsInput = z.object({
  topics: z.array(z.string().min(1).max(120)).min(1).max(20),
  lastEventId: ZLiveEventId.nullish(),
});
export type TLiveEventsInput = z.infer<typeof ZLiveEventsInput>;

/** One delivered event. `kind` e.g. "offer.new", "notification.new"; `live.reset` = refetch your state. */
export type TLiveEventDto = { id: string; topic: string; kind: string; data: Record<string, unknown> };

/**
 * A resource offer changed (sent, accepted, declined, expired, withdrawn, a progress step): on the supplier's
 * topic and the need's and incident's. Data: assignmentId, needId, incidentId, status, quantity, holdExpiresAt.
 */
export const RESOURCE_OFFER_EVENT = "resourceOffer.updated";

export const ZMyLiveTopics = z.object({ topics: z.array(z.string()) });
export type TMyLiveTopics = z.infer<typeof ZMyLiveTopics>;
