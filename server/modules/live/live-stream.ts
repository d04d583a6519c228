import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { assertCanSubscribe } from "@/server/modules/live/can-subscribe";
import type { LiveEvent, LiveHub } from "@/server/modules/live/live-hub";
import { parseLiveTopic } from "@/server/modules/live/live-topics";

/** Task stages after which nobody follows the knight's position any more. */
const ENDED_STAGES = new Set(["COMPLETED", "RELEASED", "CANCELLED", "DECLINED", "EXPIRED"]);

/** True for the event that ends a task: track events after it are no longer delivered. */
export function endsTask(event: Pick<LiveEvent, "kind" | "data">): boolean {
  if (event.kind === "task.cancelled") return true;
  if (event.kind !== "task.updated") return false;
  const stage = event.data.stage ?? event.data.status;
  return typeof stage === "string" && ENDED_STAGES.has(stage);
}

/**
 * The caller's live events: authorised once for every topic (deny by default, see can-subscribe.ts), then
 * the hub's stream. A task-track topic closes itself when its task ends: the ending event is delivered,
 * later position events are not (a new subscription to it is refused by then).
 */
export async function openLiveStream(
  db: Db,
  hub: LiveHub,
  actor: Actor,
  input: { topics: string[]; lastEventId?: string | null },
  signal?: AbortSignal,
): Promise<AsyncGenerator<LiveEvent>> {
  await assertCanSubscribe(db, actor, input.topics);
  const tracks = new Set(input.topics.filter((t) => parseLiveTopic(t)?.kind === "taskTrack"));
  const source = hub.subscribe(input.topics, input.lastEventId ?? null, signal);
  return (async function* () {
    const ended = new Set<string>();
    for await (const event of source) {
      if (ended.has(event.topic)) continue;
      if (tracks.has(event.topic) && endsTask(event)) ended.add(event.topic);
      yield event;
    }
  })();
}
