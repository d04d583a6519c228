import type Stripe from "stripe";
import type { PrismaClient } from "@/server/db";
import { accountUpdated } from "@/server/modules/payments/handlers/account-updated";
import { chargeRefunded } from "@/server/modules/payments/handlers/charge-refunded";
import { checkoutSessionCompleted } from "@/server/modules/payments/handlers/checkout-session-completed";
import { checkoutSessionExpired } from "@/server/modules/payments/handlers/checkout-session-expired";
import { paymentIntentSucceeded } from "@/server/modules/payments/handlers/payment-intent-succeeded";
import { eventObjectId, type WebhookHandler } from "@/server/modules/payments/handlers/types";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";

/** The allow-list: any other event type is acknowledged and ignored (nothing recorded). */
const HANDLERS: Record<string, WebhookHandler<never>> = Object.fromEntries(
  [checkoutSessionCompleted, checkoutSessionExpired, paymentIntentSucceeded, chargeRefunded, accountUpdated].map((h) => [h.type, h as unknown as WebhookHandler<never>]),
);

export const HANDLED_EVENT_TYPES = Object.keys(HANDLERS);

export type WebhookResult = { status: number; body: { received: boolean; outcome?: string; error?: string } };

/**
 * Stripe's webhook, from the raw body. Order of work:
 *  1. verify the signature on the exact bytes (the SDK's constructEvent, 300 s tolerance) → 400 otherwise;
 *  2. allow-list the type;
 *  3. re-read the object's current state through the SDK (never trust the event's copy: deliveries come
 *     late, repeated and out of order);
 *  4. in one transaction: record the event id (ON CONFLICT DO NOTHING — a concurrent duplicate waits,
 *     then sees it) and apply the effect; both commit or neither does.
 * A failure in 3 or 4 answers 500 and records nothing, so Stripe's retry can try again.
 */
export async function handleStripeWebhook(db: PrismaClient, cfg: PaymentsConfig, rawBody: string | Buffer, signature: string | null): Promise<WebhookResult> {
  if (!cfg.stripe || !cfg.webhookSecret) return { status: 503, body: { received: false, error: "Stripe webhooks are not configured" } };
  if (!signature) return { status: 400, body: { received: false, error: "Missing Stripe-Signature header" } };
  let event: Stripe.Event;
  try {
    event = cfg.stripe.webhooks.constructEvent(rawBody, signature, cfg.webhookSecret);
  } catch {
    return { status: 400, body: { received: false, error: "Invalid signature" } };
  }
  const handler = HANDLERS[event.type];
  if (!handler) return { status: 200, body: { received: true, outcome: "ignored-type" } };
  if (await db.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) {
    return { status: 200, body: { received: true, outcome: "duplicate" } };
  }
  let state: never;
  try {
    state = (await handler.load(cfg.stripe, event)) as never;
  } catch (e) {
    console.warn(`[muster] stripe webhook ${event.id} (${event.type}): could not re-read the object: ${(e as Error).message}`);
    return { status: 500, body: { received: false, error: "Could not re-read the object from Stripe" } };
  }
  const outcome = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO stripe_event (id, type, event_created_at, object_id)
      VALUES (${event.id}, ${event.type}, ${new Date(event.created * 1000)}, ${eventObjectId(event)})
      ON CONFLICT (id) DO NOTHING RETURNING id`;
    if (rows.length === 0) return "duplicate";
    return handler.apply(tx, cfg, state);
  });
  if (outcome !== "duplicate" && handler.after) {
    // The effect is committed; a failed follow-up is logged and retried by the next call that needs it
    // (a later refund, settleOrder on the order), never by making Stripe redeliver an applied event.
    await handler.after(db, cfg, state).catch((e: unknown) => console.warn(`[muster] stripe webhook ${event.id} (${event.type}): follow-up failed: ${(e as Error).message}`));
  }
  return { status: 200, body: { received: true, outcome } };
}
