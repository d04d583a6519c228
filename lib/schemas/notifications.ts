import { z } from "zod";

/**
 * Every kind `notify()` may send (server/modules/notifications/notify.ts takes only these). The app renders each
 * one as a sentence with a link (components/notifications/notification-view.ts, whose test checks it covers
 * this list), so a new kind starts here.
 */
export const NOTIFICATION_KINDS = [
  "offer.received",
  "offer.accepted",
  "offer.declined",
  "offer.cancelled",
  "assignment.progress",
  "need.unmet",
  "need.volunteered",
  "dispatch.unmet",
  "knight.checkInMissed",
  "knight.restDue",
  "knight.autoOffDuty",
  "knight.taskCompleted",
  "knight.taskCancelled",
  "hazard.alert",
  "claim.filed",
  "claim.lineDecided",
  "claim.paid",
  "order.excessRefunded",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const ZNotificationListInput = z.object({
  unreadOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TNotificationListInput = z.infer<typeof ZNotificationListInput>;

export const ZMarkReadInput = z.object({ ids: z.array(z.string().min(1).max(64)).max(200).optional() });
export type TMarkReadInput = z.infer<typeof ZMarkReadInput>;

export const ZNotificationDto = z.object({
  id: z.string(),
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});
export const ZNotificationList = z.object({ items: z.array(ZNotificationDto), unread: z.number().int() });
