import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { ZConnectInput, ZOrder, ZOrderDetail, ZOrderIdInput, ZOrderList, ZOrderListInput, ZPaymentStep, ZStartPaymentInput, ZCancelPreview } from "@/lib/schemas/orders";
import { getOrder, getOrderDetail, listOrders } from "@/server/modules/orders/read-orders";
import { startPayment } from "@/server/modules/payments/start-payment";
import { cancelOrder } from "@/server/modules/payments/cancel-order";
import { refundAfterPayout } from "@/server/modules/payments/refund-after-payout";
import { ZRefundAfterPayoutInput, ZRefundAfterPayoutResult } from "@/lib/schemas/refund-after-payout";
import { confirmInvoicePaid, settleOrder } from "@/server/modules/payments/settle-order";
import { connectOnboardingLink } from "@/server/modules/payments/connect";
import { cardPaymentConfigured, paymentsConfig } from "@/server/modules/payments/stripe-client";

/** Orders of paid needs and the money pages. Reading is REST v1 too (orders:read); paying is for people. */
export const orderRouter = createTRPCRouter({
  list: permissionProcedure("order.read")
    .meta({ openapi: { method: "GET", path: "/orders", tags: ["orders"], protect: true, summary: "List your organisation's orders (bought or sold), newest first" } })
    .input(ZOrderListInput)
    .output(ZOrderList)
    .query(({ ctx, input }) => listOrders(ctx.db, ctx.actor, input)),

  get: permissionProcedure("order.read")
    .meta({ openapi: { method: "GET", path: "/orders/{id}", tags: ["orders"], protect: true, summary: "Read one order: its quote, state and refunds" } })
    .input(ZOrderIdInput)
    .output(ZOrder)
    .query(({ ctx, input }) => getOrder(ctx.db, ctx.actor, input.id)),

  detail: permissionProcedure("order.read")
    .input(ZOrderIdInput)
    .output(ZOrderDetail)
    .query(({ ctx, input }) => getOrderDetail(ctx.db, ctx.actor, input.id, cardPaymentConfigured())),

  pay: permissionProcedure("order.pay")
    .input(ZStartPaymentInput)
    .output(ZPaymentStep)
    .mutation(({ ctx, input }) => startPayment(ctx.db, paymentsConfig(), ctx.actor, input.id, { invoice: input.invoice, locale: input.locale })),

  cancel: permissionProcedure("order.pay")
    .input(ZOrderIdInput)
    .output(ZCancelPreview)
    .mutation(({ ctx, input }) => cancelOrder(ctx.db, paymentsConfig(), ctx.actor, input.id)),

  refundAfterPayout: permissionProcedure("order.pay")
    .input(ZRefundAfterPayoutInput)
    .output(ZRefundAfterPayoutResult)
    .mutation(({ ctx, input }) => refundAfterPayout(ctx.db, paymentsConfig(), ctx.actor, input)),

  settle: permissionProcedure("order.pay")
    .input(ZOrderIdInput)
    .output(z.object({ status: z.string(), transferId: z.string().nullable() }))
    .mutation(({ ctx, input }) => settleOrder(ctx.db, paymentsConfig(), ctx.actor, input.id)),

  confirmInvoice: permissionProcedure("order.supply")
    .input(ZOrderIdInput)
    .output(z.object({ status: z.string() }))
    .mutation(({ ctx, input }) => confirmInvoicePaid(ctx.db, ctx.actor, input.id)),

  connect: permissionProcedure("order.supply")
    .input(ZConnectInput)
    .output(z.object({ url: z.string(), accountId: z.string() }))
    .mutation(({ ctx, input }) => connectOnboardingLink(ctx.db, paymentsConfig(), ctx.actor, input.orgId, input.locale)),
});
