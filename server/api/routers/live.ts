import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZMyLiveTopics } from "@/lib/schemas/live";
import { myLiveTopics } from "@/server/modules/live/my-live-topics";

/**
 * The live stream itself is a plain SSE route (GET /api/live, server/api/live-sse.ts), not a tRPC
 * subscription. Authorisation per topic: server/modules/live/can-subscribe.ts.
 */
export const liveRouter = createTRPCRouter({
  /** The topics the caller's app shell should follow (own notifications, knight offers, incident boards). */
  myTopics: permissionProcedure("live.read")
    .output(ZMyLiveTopics)
    .query(({ ctx }) => myLiveTopics(ctx.db, ctx.actor)),
});
