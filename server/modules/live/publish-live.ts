import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

export type LiveEventInput = { topic: string; kind: string; data: Record<string, unknown> };

/** Field names of a knight's exact position (KnightProfile.lastLat/lastLng): only task-track topics carry them. */
const EXACT_POSITION_KEYS = new Set(["lastLat", "lastLng", "last_lat", "last_lng", "knightLat", "knightLng"]);

function hasExactPosition(value: unknown, depth = 0): boolean {
  if (depth > 8 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => hasExactPosition(v, depth + 1));
  return Object.entries(value).some(([k, v]) => EXACT_POSITION_KEYS.has(k) || hasExactPosition(v, depth + 1));
}

/** Throws when an event for a non-track topic carries a knight's exact position (a programming error). */
export function assertNoExactPosition(events: LiveEventInput[]): void {
  for (const e of events) {
    if (!e.topic.startsWith("track:") && hasExactPosition(e.data)) {
      throw new Error(`Live event ${e.kind} on ${e.topic} carries a knight's exact position; publish it on a task-track topic only.`);
    }
  }
}

/**
 * Appends live events inside the caller's transaction: they are visible (and NOTIFY fires, see the
 * live_event migration) only when that transaction commits, so subscribers never see a change that was
 * rolled back. One INSERT for the whole batch, so a wave of offers is one wake-up.
 */
export async function publishLive(db: Db, events: LiveEventInput[]): Promise<number> {
  if (events.length === 0) return 0;
  assertNoExactPosition(events);
  const res = await db.liveEvent.createMany({
    data: events.map((e) => ({ topic: e.topic, kind: e.kind, data: e.data as Prisma.InputJsonValue })),
  });
  return res.count;
}
