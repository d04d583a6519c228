import { z } from "zod";

/** At most this many open holes travel in a resume cursor (the highest: the most likely still in flight). */
export const LIVE_CURSOR_MAX_HOLES = 32;

/**
 * A resume cursor, as SSE carries it in `id:` / Last-Event-ID: `<high>` or `<high>~<d>.<d>…`. Everything on the
 * stream's topics up to the live_event id `high` was delivered except the ids `high - d`: events whose ids were
 * taken before `high` but had not committed when the cursor was written (ids are taken at INSERT, seen at COMMIT).
 * A resume replays those too, so an event that commits after a higher one was delivered is not lost.
 */
export const ZLiveEventId = z.string().regex(new RegExp(`^\\d{1,19}(~\\d{1,19}(\\.\\d{1,19}){0,${LIVE_CURSOR_MAX_HOLES - 1}})?$`), "Invalid event id");

export type LiveCursor = { high: bigint; holes: bigint[] };

/** A valid cursor's parts (validate with ZLiveEventId first). */
export function parseLiveCursor(cursor: string): LiveCursor {
  const [high, deltas] = cursor.split("~");
  const h = BigInt(high!);
  return { high: h, holes: deltas ? deltas.split(".").map((d) => h - BigInt(d)).filter((x) => x > 0n) : [] };
}

/** The cursor for `high` and the ids below it still to come (the highest LIVE_CURSOR_MAX_HOLES of them). */
export function formatLiveCursor(high: bigint, holes: Iterable<bigint>): string {
  const below = [...new Set(holes)].filter((h) => h < high).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, LIVE_CURSOR_MAX_HOLES);
  return below.length ? `${high}~${below.map((h) => String(high - h)).join(".")}` : String(high);
}

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
