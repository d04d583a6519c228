import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

export type LiveEventInput = { topic: string; kind: string; data: Record<string, unknown> };

/**
 * Appends live events inside the caller's transaction: they are visible (and NOTIFY fires, see the
 * live_event migration) only when that transaction commits, so subscribers never see a change that was
 * rolled back. One INSERT for the whole batch, so a wave of offers is one wake-up.
 */
export async function publishLive(db: Db, events: LiveEventInput[]): Promise<number> {
  if (events.length === 0) return 0;
  const res = await db.liveEvent.createMany({
    data: events.map((e) => ({ topic: e.topic, kind: e.kind, data: e.data as Prisma.InputJsonValue })),
  });
  return res.count;
}
