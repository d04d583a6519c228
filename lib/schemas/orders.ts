import { z } from "zod";

/** Orders and payments: shared by the tRPC procedures, REST v1 (GET /orders…) and the order pages. */
const ZId = z.string().trim().min(1).max(64);

export const ORDER_STATUSES = ["QUOTED", "ACCEPTED", "PAYABLE", "PAID", "PARTIALLY_REFUNDED", "REFUNDED", "SETTLED", "CANCELLED", "PENDING", "AUTHORIZED"] as const;
export const ZOrderStatus = z.enum(ORDER_STATUSES).meta({ id: "OrderStatus", example: "PAYABLE" });

export const ZQuoteLine = z.object({
  code: z.enum(["HOURS", "DAYS", "USES", "KM"]),
  units: z.number().int(),
  unitPriceCents: z.number().int(),
  amountCents: z.number().int(),
});

export const ZQuote = z
  .object({
    currency: z.string(),
    pricingMode: z.enum(["HOURLY", "DAILY", "PER_USE", "PER_KM"]),
    quantity: z.number().int(),
    durationMinutes: z.number().int(),
    distanceKm: z.number(),
    lines: z.array(ZQuoteLine),
    subtotalCents: z.number().int(),
    depositCents: z.number().int(),
    cancelShareBps: z.number().int(),
  })
  .meta({ id: "Quote", description: "The quote as sent: amounts in integer minor units (fen for CNY)." });
export type TQuote = z.infer<typeof ZQuote>;

export const ZOrderIdInput = z.object({ id: ZId });

export const ZOrderListInput = z.object({
  status: ZOrderStatus.optional(),
  incidentId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TOrderListInput = z.infer<typeof ZOrderListInput>;

export const ZOrder = z
  .object({
    id: z.string(),
    status: ZOrderStatus,
    side: z.enum(["buyer", "seller", "admin"]),
    amountCents: z.number().int(),
    refundedCents: z.number().int(),
    feeCents: z.number().int(),
    depositCents: z.number().int(),
    currency: z.string(),
    settlementMode: z.enum(["STRIPE", "INVOICE"]),
    incidentId: z.string().nullable(),
    incidentTitle: z.string().nullable(),
    needId: z.string().nullable(),
    needTitle: z.string().nullable(),
    assignmentId: z.string().nullable(),
    assignmentStatus: z.string().nullable(),
    resourceTitle: z.string().nullable(),
    buyerOrgName: z.string(),
    sellerOrgName: z.string().nullable(),
    quote: ZQuote.nullable(),
    acceptedAt: z.date().nullable(),
    paidAt: z.date().nullable(),
    settledAt: z.date().nullable(),
    cancelledAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: "Order" });
export type TOrder = z.infer<typeof ZOrder>;

export const ZOrderList = z.object({ items: z.array(ZOrder) }).meta({ id: "OrderList" });

export const ZCancelPreview = z.object({ mobilized: z.boolean(), refundCents: z.number().int(), keptCents: z.number().int(), paid: z.boolean() });

export const ZOrderDetail = z.object({
  order: ZOrder,
  cardConfigured: z.boolean(),
  cancellation: ZCancelPreview.nullable(),
  can: z.object({ pay: z.boolean(), payByInvoice: z.boolean(), cancel: z.boolean(), settle: z.boolean(), confirmInvoice: z.boolean(), refundAfterPayout: z.boolean() }),
});
export type TOrderDetail = z.infer<typeof ZOrderDetail>;

export const ZStartPaymentInput = z.object({ id: ZId, invoice: z.boolean().default(false), locale: z.enum(["zh-CN", "en"]).default("zh-CN") });

export const ZPaymentStep = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("STRIPE"), checkoutUrl: z.string(), sessionId: z.string() }),
  z.object({ mode: z.literal("INVOICE"), amountDueCents: z.number().int(), currency: z.string(), reason: z.enum(["card_not_configured", "chosen"]) }),
]);

export const ZConnectInput = z.object({ orgId: ZId, locale: z.enum(["zh-CN", "en"]).default("zh-CN") });
