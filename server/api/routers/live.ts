import { tracked } from "@trpc/server";
import { createTRPCRouter, permissionProcedure, toTRPCError } from "@/server/api/trpc";
import { ZLiveEventsInput, ZMyLiveTopics, type TLiveEventDto } from "@/lib/schemas/live";
import { getLiveHub } from "@/server/modules/live/live-hub";
import { openLiveStream } from "@/server/modules/live/live-stream";
import { myLiveTopics } from "@/server/modules/live/my-live-topics";

/** Live feeds over SSE (httpSubscriptionLink). Authorisation per topic: server/modules/live/can-subscribe.ts. */
export const liveRouter = createTRPCRouter({
  /**
   * Events of the given topics. Each is sent with its id as the SSE event id, so a reconnecting client
   * (Last-Event-ID / `lastEventId`) resumes exactly after the last event it got.
   */
  events: permissionProcedure("live.read")
    .input(ZLiveEventsInput)
    .subscription(async function ({ ctx, input, signal }) {
      const stream = await openLiveStream(ctx.db, getLiveHub(), ctx.actor, input, signal);
      return (async function* () {
        // The resume cursor never moves backwards: an event that fills an id hole arrives after a higher id.
        let cursor = input.lastEventId ? BigInt(input.lastEventId) : 0n;
        try {
          for await (const e of stream) {
            const id = BigInt(e.id);
            if (id > cursor) cursor = id;
            const dto: TLiveEventDto = { id: e.id, topic: e.topic, kind: e.kind, data: e.data };
            yield tracked(String(cursor), dto);
          }
        } catch (e) {
          throw toTRPCError(e);
        }
      })();
    }),

  /** The topics the caller's app shell should follow (own notifications, knight offers, incident boards). */
  myTopics: permissionProcedure("live.read")
    .output(ZMyLiveTopics)
    .query(({ ctx }) => myLiveTopics(ctx.db, ctx.actor)),
});
