import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZDeclineOfferInput, ZOfferIdInput, ZOfferInbox, ZOfferInboxInput, ZOfferResult, ZReportProgressInput, ZSendOfferInput,
} from "@/lib/schemas/offers";
import { acceptOffer, declineOffer } from "@/server/modules/offers/answer-offer";
import { listOfferInbox } from "@/server/modules/offers/offer-inbox";
import { cancelOffer, reportProgress } from "@/server/modules/offers/report-progress";
import { offerAssignment } from "@/server/modules/offers/send-offer";

/** Offers and holds: the requester's dispatcher sends/cancels; the supplier accepts, declines, reports progress. */
export const offerRouter = createTRPCRouter({
  send: permissionProcedure("offer.send")
    .input(ZSendOfferInput)
    .output(ZOfferResult)
    .mutation(({ ctx, input }) => offerAssignment(ctx.db, ctx.actor, input.id, { holdMinutes: input.holdMinutes })),

  cancel: permissionProcedure("offer.send")
    .input(ZOfferIdInput)
    .output(ZOfferResult)
    .mutation(({ ctx, input }) => cancelOffer(ctx.db, ctx.actor, input.id)),

  inbox: permissionProcedure("offer.respond")
    .input(ZOfferInboxInput)
    .output(ZOfferInbox)
    .query(({ ctx, input }) => listOfferInbox(ctx.db, ctx.actor, input)),

  accept: permissionProcedure("offer.respond")
    .meta({ openapi: { method: "POST", path: "/offers/{id}/accept", tags: ["offers"], protect: true, summary: "Accept an offer within its hold (API key of the supplier org)", errorResponses: { 409: "The offer is no longer open, its hold has expired, or the unit is already committed for that time." } } })
    .input(ZOfferIdInput)
    .output(ZOfferResult)
    .mutation(({ ctx, input }) => acceptOffer(ctx.db, ctx.actor, input.id)),

  decline: permissionProcedure("offer.respond")
    .meta({ openapi: { method: "POST", path: "/offers/{id}/decline", tags: ["offers"], protect: true, summary: "Decline an offer with a reason; the next candidate is offered", errorResponses: { 409: "The offer is no longer open." } } })
    .input(ZDeclineOfferInput)
    .output(ZOfferResult)
    .mutation(({ ctx, input }) => declineOffer(ctx.db, ctx.actor, input.id, input.reason)),

  report: permissionProcedure("offer.respond")
    .input(ZReportProgressInput)
    .output(ZOfferResult)
    .mutation(({ ctx, input }) => reportProgress(ctx.db, ctx.actor, input.id, input.status)),
});
