import { z } from "zod";

/**
 * The requester records money paid back by the unit responsible for the accident (事故责任单位). Partial
 * amounts are allowed; the module refuses more than is still recoverable. `requestId` (a UUID the form makes
 * once) makes a retried submit post nothing twice. Messages are keys of the costRecovery namespace.
 */
export const ZRecordRecoveryInput = z.object({
  incidentId: z.string().min(1).max(64),
  amountCents: z.number({ message: "errors.amount" }).int("errors.amount").positive("errors.amount").max(2_000_000_000, "errors.amount"),
  reference: z.string().trim().max(200, "errors.reference").optional(),
  requestId: z.uuid("errors.requestId").optional(),
});
export type TRecordRecoveryInput = z.infer<typeof ZRecordRecoveryInput>;

export const ZRecoveryUnit = z.object({
  orgId: z.string().nullable(),
  name: z.string(),
  recoverableCents: z.number().int(),
  recoveredCents: z.number().int(),
  owedCents: z.number().int(),
});
export const ZRecoveryPayment = z.object({ journalId: z.string(), at: z.date(), cents: z.number().int(), reference: z.string().nullable() });
export const ZRecoveryStatus = z.object({ units: z.array(ZRecoveryUnit), payments: z.array(ZRecoveryPayment) });
export type TRecoveryStatus = z.infer<typeof ZRecoveryStatus>;
