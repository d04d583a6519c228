import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";

export type NotificationDto = { id: string; kind: string; payload: Record<string, unknown>; readAt: Date | null; createdAt: Date };

/** The caller's own notifications, newest first. */
export async function listNotifications(db: Db, actor: Actor, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  const where = { userId: actor.userId, ...(opts.unreadOnly ? { readAt: null } : {}) };
  const [items, unread] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: opts.limit ?? 50,
      select: { id: true, kind: true, payload: true, readAt: true, createdAt: true },
    }),
    db.notification.count({ where: { userId: actor.userId, readAt: null } }),
  ]);
  return { items: items.map((n) => ({ ...n, payload: (n.payload ?? {}) as Record<string, unknown> })) as NotificationDto[], unread };
}

/** Marks the caller's notifications read (all when ids is omitted); returns how many changed. */
export async function markNotificationsRead(db: Db, actor: Actor, ids?: string[]): Promise<{ updated: number }> {
  const res = await db.notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { updated: res.count };
}
