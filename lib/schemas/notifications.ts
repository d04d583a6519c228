import { z } from "zod";

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
