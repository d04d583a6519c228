import { z } from "zod";
import { ZQuote } from "@/lib/schemas/orders";

/** Offer schemas, shared by the offer inbox, tRPC procedures and REST v1 (accept/decline by API key). */

const ZId = z.string().trim().min(1).max(64);

export const OFFER_STATUSES = ["PROPOSED", "OFFERED", "ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED", "DECLINED", "EXPIRED", "CANCELLED"] as const;
export const ZOfferStatus = z.enum(OFFER_STATUSES).meta({ id: "OfferStatus", example: "OFFERED" });

export const PROGRESS_STATUSES = ["MOBILIZED", "EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"] as const;
export const ZProgressStatus = z.enum(PROGRESS_STATUSES).meta({ id: "OfferProgressStatus", example: "EN_ROUTE" });

export const ZOfferIdInput = z.object({ id: ZId });
export type TOfferIdInput = z.infer<typeof ZOfferIdInput>;

export const ZSendOfferInput = z.object({
  id: ZId,
  holdMinutes: z.number().int().min(1, { error: "errors.holdMinutes" }).max(1440, { error: "errors.holdMinutes" }).optional(),
});
export type TSendOfferInput = z.infer<typeof ZSendOfferInput>;

export const ZDeclineOfferInput = z.object({
  id: ZId,
  reason: z.string().trim().min(1, { error: "errors.reasonRequired" }).max(500, { error: "errors.reasonTooLong" }),
});
export type TDeclineOfferInput = z.infer<typeof ZDeclineOfferInput>;

export const ZReportProgressInput = z.object({ id: ZId, status: ZProgressStatus });
export type TReportProgressInput = z.infer<typeof ZReportProgressInput>;

export const ZOfferResult = z
  .object({ id: z.string(), status: ZOfferStatus, holdExpiresAt: z.date().nullable() })
  .meta({ id: "OfferResult" });

export const ZOfferInboxInput = z.object({ scope: z.enum(["pending", "active"]).default("pending") });
export type TOfferInboxInput = z.infer<typeof ZOfferInboxInput>;

export const ZOfferCard = z.object({
  id: z.string(),
  status: ZOfferStatus,
  quantity: z.number().int(),
  holdExpiresAt: z.date().nullable(),
  windowStart: z.date(),
  windowEnd: z.date(),
  explanationZh: z.string().nullable(),
  explanationEn: z.string().nullable(),
  distanceKm: z.number(),
  resource: z.object({ id: z.string(), title: z.string(), titleEn: z.string().nullable() }),
  need: z.object({ id: z.string(), title: z.string(), quantity: z.number().int(), unit: z.string(), priority: z.string(), neededBy: z.date(), stagingAddress: z.string() }),
  incident: z.object({ id: z.string(), title: z.string() }),
  /** Paid needs: the quote as sent (null for free listings). */
  quote: ZQuote.nullable(),
  /** Set once an accepted paid offer has its order. */
  orderId: z.string().nullable(),
  /** Set once an accepted offer on a REIMBURSABLE need has its requisition decision (its page: evidence, claim). */
  requisitionNumber: z.string().nullable(),
});
export type TOfferCard = z.infer<typeof ZOfferCard>;
export const ZOfferInbox = z.array(ZOfferCard);
