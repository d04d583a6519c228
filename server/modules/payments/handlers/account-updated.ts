import type Stripe from "stripe";
import { eventObjectId, type WebhookHandler } from "@/server/modules/payments/handlers/types";

type State = { accountId: string; payoutsEnabled: boolean };

/** A Connect account changed: payouts go to it only while Stripe says transfers are active. */
export const accountUpdated: WebhookHandler<State> = {
  type: "account.updated",
  async load(stripe: Stripe, event: Stripe.Event) {
    const a = await stripe.accounts.retrieve(eventObjectId(event));
    return { accountId: a.id, payoutsEnabled: a.capabilities?.transfers === "active" && a.payouts_enabled === true };
  },
  async apply(tx, _cfg, st) {
    const n = await tx.organization.updateMany({ where: { stripeAccountId: st.accountId }, data: { stripePayoutsEnabled: st.payoutsEnabled } });
    return n.count > 0 ? `payouts:${st.payoutsEnabled}` : "unknown-account";
  },
};
