import type { Db } from "@/server/db";
import { computeQuote, type QuoteSnapshot } from "@/server/modules/orders/quote";

type Row = {
  id: string;
  quantity: number;
  duration_minutes: number;
  pricing_mode: string;
  price_cents: number;
  deposit_cents: number;
  currency: string;
  distance_km: number | null;
};

/**
 * Freezes a quote on each paid-need assignment that has none yet (proposal or offer time). The distance is
 * the one the matcher computed (score breakdown), or the great-circle distance from the listing's base to
 * the staging point when the row did not come from matching. `quote IS NULL` in the UPDATE: once written,
 * a quote never changes, whatever happens to the listing's price.
 */
export async function snapshotQuotes(tx: Db, assignmentIds: string[]): Promise<number> {
  if (assignmentIds.length === 0) return 0;
  const rows = await tx.$queryRaw<Row[]>`
    SELECT a.id, a.quantity, n.duration_minutes, r.pricing_mode::text AS pricing_mode, r.price_cents, r.deposit_cents, r.currency,
           COALESCE((a.score_breakdown->>'distanceKm')::float8,
                    earth_distance(ll_to_earth(r.lat, r.lng), ll_to_earth(n.staging_lat, n.staging_lng)) / 1000.0) AS distance_km
    FROM assignment a
    JOIN need n ON n.id = a.need_id
    JOIN resource r ON r.id = a.resource_id
    WHERE a.id = ANY(${assignmentIds}::text[]) AND a.quote IS NULL AND n.payment_mode = 'PAID' AND r.pricing_mode <> 'FREE'`;
  let written = 0;
  for (const r of rows) {
    const q: QuoteSnapshot | null = computeQuote(
      { pricingMode: r.pricing_mode, priceCents: r.price_cents, depositCents: r.deposit_cents, currency: r.currency },
      { durationMinutes: r.duration_minutes, distanceKm: Number(r.distance_km ?? 0), quantity: r.quantity },
    );
    if (!q) continue;
    written += await tx.$executeRaw`UPDATE assignment SET quote = ${JSON.stringify(q)}::jsonb WHERE id = ${r.id} AND quote IS NULL`;
  }
  return written;
}
