import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import {
  ZDeclineKnightOfferInput, ZKnightOfferIdInput, ZKnightOfferList, ZKnightOfferResult, ZKnightTaskActionInput, ZKnightTaskResult,
} from "@/lib/schemas/dispatch";
import { listMyOffers } from "@/server/modules/dispatch/knight-offers";
import { acceptKnightOffer, declineKnightOffer } from "@/server/modules/dispatch/answer-knight-offer";
import { withdrawFromKnightTask } from "@/server/modules/dispatch/cancel-task";

/** Knight side of dispatch ("knight.self"): the caller's open offers, accept, decline; withdraw before pickup. */
export const knightOfferRouter = createTRPCRouter({
  list: permissionProcedure("knight.self")
    .output(ZKnightOfferList)
    .query(({ ctx }) => listMyOffers(ctx.db, ctx.actor)),

  accept: permissionProcedure("knight.self")
    .input(ZKnightOfferIdInput)
    .output(ZKnightOfferResult)
    .mutation(({ ctx, input }) => acceptKnightOffer(ctx.db, ctx.actor, input.offerId)),

  decline: permissionProcedure("knight.self")
    .input(ZDeclineKnightOfferInput)
    .output(ZKnightOfferResult)
    .mutation(({ ctx, input }) => declineKnightOffer(ctx.db, ctx.actor, input.offerId, input.reason)),

  withdraw: permissionProcedure("knight.self")
    .input(ZKnightTaskActionInput)
    .output(ZKnightTaskResult)
    .mutation(({ ctx, input }) => withdrawFromKnightTask(ctx.db, ctx.actor, input)),
});
