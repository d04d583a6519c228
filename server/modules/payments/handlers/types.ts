import type Stripe from "stripe";
import type { Db, PrismaClient } from "@/server/db";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";

/**
 * One file per allow-listed event type. `load` re-reads the object's current state from Stripe (outside
 * any database transaction); `apply` acts on that state inside the transaction that also records the
 * event id, and must be idempotent on its own (journals carry idempotency keys) so order of delivery
 * does not matter.
 */
export type WebhookHandler<T = unknown> = {
  type: string;
  load: (stripe: Stripe, event: Stripe.Event) => Promise<T>;
  apply: (tx: Db, cfg: PaymentsConfig, state: T) => Promise<string>;
  /** Outside the transaction, after it committed: follow-up calls to Stripe (e.g. a transfer reversal). */
  after?: (db: PrismaClient, cfg: PaymentsConfig, state: T) => Promise<void>;
};

/** The object id an event is about (every allow-listed type carries an object with an id). */
export function eventObjectId(event: Stripe.Event): string {
  return (event.data.object as { id: string }).id;
}
