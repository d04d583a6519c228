import Stripe from "stripe";
import { env } from "@/lib/env";

/**
 * Everything the payment code needs from the outside, passed explicitly so tests can point the real SDK at
 * a local HTTP server. `stripe` is null when STRIPE_SECRET_KEY is unset: card payment is then "not
 * configured" and paid needs settle by invoice — never a crash.
 */
export type PaymentsConfig = {
  stripe: Stripe | null;
  webhookSecret: string | null;
  feeBps: number;
  appUrl: string;
};

export type StripeSettings = {
  secretKey?: string;
  webhookSecret?: string;
  feeBps?: number;
  host?: string;
  port?: number;
  protocol?: "http" | "https";
  appUrl?: string;
};

export function makePaymentsConfig(s: StripeSettings): PaymentsConfig {
  const stripe = s.secretKey
    ? new Stripe(s.secretKey, {
        ...(s.host ? { host: s.host } : {}),
        ...(s.port ? { port: s.port } : {}),
        ...(s.protocol ? { protocol: s.protocol } : {}),
        // Our own idempotency keys make retries safe; two attempts are enough inside a request.
        maxNetworkRetries: 1,
        timeout: 15_000,
        appInfo: { name: "Muster" },
      })
    : null;
  return { stripe, webhookSecret: s.webhookSecret ?? null, feeBps: s.feeBps ?? 500, appUrl: s.appUrl ?? "http://localhost:3000" };
}

let cached: PaymentsConfig | null = null;

export function paymentsConfig(): PaymentsConfig {
  cached ??= makePaymentsConfig({
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    feeBps: env.STRIPE_PLATFORM_FEE_BPS,
    host: env.STRIPE_API_HOST,
    port: env.STRIPE_API_PORT,
    protocol: env.STRIPE_API_PROTOCOL,
    appUrl: env.APP_URL,
  });
  return cached;
}

export function cardPaymentConfigured(cfg: PaymentsConfig = paymentsConfig()): boolean {
  return cfg.stripe !== null;
}

/** A Stripe id out of an expandable field (string or object). */
export function idOf(v: string | { id: string } | null | undefined): string | null {
  if (!v) return null;
  return typeof v === "string" ? v : v.id;
}
