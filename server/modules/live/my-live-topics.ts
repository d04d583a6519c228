import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { isAdmin, readableOrgIds } from "@/server/modules/incidents/access";
import { liveTopics } from "@/server/modules/live/live-topics";

/** Incident feeds a requester follows by default: the open incidents of their organisations, newest first. */
const MAX_INCIDENTS = 17;
/** The live stream (GET /api/live) takes at most this many topics at once. */
const MAX_TOPICS = 20;

/**
 * The topics a caller's app shell subscribes to: their notifications; a knight's own offers and tasks;
 * for members of supplier organisations (those that list resources) their offers; for requesters the boards
 * of their organisations' open incidents, as many as fit; for admins the command feed.
 * Every topic returned passes canSubscribe.
 */
export async function myLiveTopics(db: Db, actor: Actor): Promise<{ topics: string[] }> {
  if (actor.apiKey) return { topics: [] };
  const topics = [liveTopics.user(actor.userId)];
  const knight = await db.knightProfile.findUnique({ where: { userId: actor.userId }, select: { id: true } });
  if (knight) topics.push(liveTopics.knight(knight.id));
  if (isAdmin(actor)) topics.push(liveTopics.command());
  for (const m of actor.memberships) if (m.orgKind !== "GOVERNMENT") topics.push(liveTopics.supplier(m.orgId));
  const orgIds = readableOrgIds(actor);
  const room = Math.min(MAX_INCIDENTS, MAX_TOPICS - topics.length);
  if (orgIds !== null && orgIds.length > 0 && room > 0) {
    const incidents = await db.incident.findMany({
      where: { orgId: { in: orgIds }, status: { in: ["ACTIVE", "CONTAINED"] } },
      orderBy: { createdAt: "desc" },
      take: room,
      select: { id: true },
    });
    for (const i of incidents) topics.push(liveTopics.incident(i.id));
  }
  return { topics: topics.slice(0, MAX_TOPICS) };
}
