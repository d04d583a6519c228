import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZMarkReadInput, ZNotificationList, ZNotificationListInput } from "@/lib/schemas/notifications";
import { listNotifications, markNotificationsRead } from "@/server/modules/notifications/list-notifications";
import { z } from "zod";

/** The caller's in-app notifications. */
export const notificationRouter = createTRPCRouter({
  list: permissionProcedure("notification.read")
    .input(ZNotificationListInput)
    .output(ZNotificationList)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor, input)),

  markRead: permissionProcedure("notification.read")
    .input(ZMarkReadInput)
    .output(z.object({ updated: z.number().int() }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.actor, input.ids)),
});
