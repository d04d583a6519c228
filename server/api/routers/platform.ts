import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZKnightOfferList, ZKnightOfferResult, ZPlatformDeclineInput, ZPlatformOfferInput, ZRiderDutyInput, ZRiderDutyResult, ZRiderInput,
} from "@/lib/schemas/dispatch";
import { listRiderOffers, listRiderTasks, setRiderDuty } from "@/server/modules/dispatch/platform-riders";
import { ZPlatformRiderTasks } from "@/lib/schemas/knight-tasks";
import { acceptKnightOffer, declineKnightOffer } from "@/server/modules/dispatch/answer-knight-offer";

/** REST v1 for delivery platforms (API key of the platform organisation; its own riders only). */
export const platformRouter = createTRPCRouter({
  riderDuty: permissionProcedure("platform.riders")
    .meta({ openapi: { method: "POST", path: "/platform/riders/{externalRiderId}/duty", tags: ["platform"], protect: true, summary: "Put a rider on or off duty with their current position" } })
    .input(ZRiderDutyInput)
    .output(ZRiderDutyResult)
    .mutation(({ ctx, input }) => setRiderDuty(ctx.db, ctx.actor, input)),

  riderOffers: permissionProcedure("platform.riders")
    .meta({ openapi: { method: "GET", path: "/platform/riders/{externalRiderId}/offers", tags: ["platform"], protect: true, summary: "A rider's open task offers (distance bands, never exact distances)" } })
    .input(ZRiderInput)
    .output(ZKnightOfferList)
    .query(({ ctx, input }) => listRiderOffers(ctx.db, ctx.actor, input.externalRiderId)),

  riderTasks: permissionProcedure("platform.riders")
    .meta({ openapi: { method: "GET", path: "/platform/riders/{externalRiderId}/tasks", tags: ["platform"], protect: true, summary: "A rider's live and recently ended tasks with where to go; a cancelled task carries its reason" } })
    .input(ZRiderInput)
    .output(ZPlatformRiderTasks)
    .query(({ ctx, input }) => listRiderTasks(ctx.db, ctx.actor, input.externalRiderId)),

  acceptOffer: permissionProcedure("platform.riders")
    .meta({ openapi: { method: "POST", path: "/platform/offers/{offerId}/accept", tags: ["platform"], protect: true, summary: "Accept an offer for the rider; the first accept per place wins", errorResponses: { 409: "Every place is taken, the offer was withdrawn or has expired, or the rider already has a task then." } } })
    .input(ZPlatformOfferInput)
    .output(ZKnightOfferResult)
    .mutation(({ ctx, input }) => acceptKnightOffer(ctx.db, ctx.actor, input.offerId)),

  declineOffer: permissionProcedure("platform.riders")
    .meta({ openapi: { method: "POST", path: "/platform/offers/{offerId}/decline", tags: ["platform"], protect: true, summary: "Decline an offer for the rider; the place passes on", errorResponses: { 409: "The offer is no longer pending (already answered, withdrawn or expired)." } } })
    .input(ZPlatformDeclineInput)
    .output(ZKnightOfferResult)
    .mutation(({ ctx, input }) => declineKnightOffer(ctx.db, ctx.actor, input.offerId, input.reason)),
});
