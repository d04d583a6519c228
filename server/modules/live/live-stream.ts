import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { assertCanSubscribe, TRACKABLE_STATUSES } from "@/server/modules/live/can-subscribe";
import type { LiveDelivery, LiveEvent, LiveHub } from "@/server/modules/live/live-hub";
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

/** Is this knight task still followable (accepted … on scene)? Read at delivery time. */
async function taskIsLive(db: Db, assignmentId: string): Promise<boolean> {
  const a = await db.assignment.findUnique({ where: { id: assignmentId }, select: { status: true } });
  return !!a && (TRACKABLE_STATUSES as readonly string[]).includes(a.status);
}

/**
 * The caller's live events: authorised once for every topic (deny by default, see can-subscribe.ts), then
 * the hub's stream. Exact positions (task-track topics) stop when the task ends: a task-ending event for
 * that assignment on any followed topic closes the track topic, and every track event is re-checked
 * against the assignment's current status before it is delivered (a new subscription is refused by then).
 */
export async function openLiveStream(
  db: Db,
  hub: LiveHub,
  actor: Actor,
  input: { topics: string[]; lastEventId?: string | null },
  signal?: AbortSignal,
): Promise<AsyncGenerator<LiveDelivery>> {
  await assertCanSubscribe(db, actor, input.topics);
  // track topic → its assignment id
  const tracks = new Map<string, string>();
  for (const t of input.topics) {
    const p = parseLiveTopic(t);
    if (p?.kind === "taskTrack" && p.id) tracks.set(t, p.id);
  }
  const source = hub.subscribe(input.topics, input.lastEventId ?? null, signal);
  if (tracks.size === 0) return source;
  const trackOf = new Map([...tracks].map(([topic, id]) => [id, topic]));
  return (async function* () {
    const ended = new Set<string>();
    for await (const event of source) {
      if (ended.has(event.topic)) continue;
      const assignmentId = tracks.get(event.topic);
      if (assignmentId && !(await taskIsLive(db, assignmentId))) {
        ended.add(event.topic);
        continue;
      }
      if (endsTask(event) && typeof event.data.assignmentId === "string") {
        const topic = trackOf.get(event.data.assignmentId);
        if (topic) ended.add(topic);
      }
      yield event;
    }
  })();
}
