import { getDb } from "@/server/db";
import { handleStripeWebhook } from "@/server/modules/payments/webhook";
import { paymentsConfig } from "@/server/modules/payments/stripe-client";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Stripe → Muster. The signature covers the exact bytes, so the body is read raw, never parsed first. */
export async function POST(request: Request): Promise<Response> {
  const raw = Buffer.from(await request.arrayBuffer());
  const result = await handleStripeWebhook(getDb(), paymentsConfig(), raw, request.headers.get("stripe-signature"));
  return Response.json(result.body, { status: result.status });
}
