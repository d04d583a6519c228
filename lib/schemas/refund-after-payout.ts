import { z } from "zod";

/** A refund of a settled order (the supplier already paid out); the module refuses more than is left. */
export const ZRefundAfterPayoutInput = z.object({
  orderId: z.string().min(1).max(64),
  amountCents: z.number({ message: "errors.refundAmount" }).int("errors.refundAmount").positive("errors.refundAmount").max(2_000_000_000, "errors.refundAmount"),
});
export type TRefundAfterPayoutInput = z.infer<typeof ZRefundAfterPayoutInput>;

export const ZRefundAfterPayoutResult = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("STRIPE"), unearnedCents: z.number().int(), reversedCents: z.number().int(), reversalId: z.string().nullable() }),
  z.object({ mode: z.literal("INVOICE"), owedBySupplierCents: z.number().int() }),
]);
