import { SCORING_CONFIG } from "@/server/modules/matching/scoring/scoring-config";

/**
 * Quotes for paid needs: a pure function of the listing's pricing and the need's duration and distance, so
 * the same inputs always give the same quote (golden table in quote.test.ts). The result is stored as a
 * snapshot on the assignment when it is proposed/offered and copied to the order on acceptance: a later
 * change of the listing's price never changes a quote already sent.
 */
export type PricingInput = { pricingMode: string; priceCents: number; depositCents: number; currency: string };
export type JobInput = { durationMinutes: number; distanceKm: number; quantity: number };

export type QuoteLine = { code: "HOURS" | "DAYS" | "USES" | "KM"; units: number; unitPriceCents: number; amountCents: number };

export type QuoteSnapshot = {
  version: 1;
  currency: string;
  pricingMode: "HOURLY" | "DAILY" | "PER_USE" | "PER_KM";
  quantity: number;
  durationMinutes: number;
  distanceKm: number;
  lines: QuoteLine[];
  /** Sum of the lines: what the order costs. */
  subtotalCents: number;
  /** Refundable deposit, arranged with the supplier at handover (not charged through the platform). */
  depositCents: number;
  /** Cancellation policy as quoted: full refund before mobilisation; after it the supplier keeps this share. */
  cancelShareBps: number;
};

/** After mobilisation a cancellation still pays the supplier this share (30 %): the policy shown to both sides. */
export const CANCEL_SHARE_AFTER_MOBILISATION_BPS = 3000;

/** Round trip on roads, the same assumption the matcher's cost estimate makes (score-parts.ts). */
export function billableKm(distanceKm: number): number {
  return Math.ceil(Math.max(0, distanceKm) * SCORING_CONFIG.roadFactor * 2);
}

/** null when the listing is free (public good) or the inputs are not usable. */
export function computeQuote(p: PricingInput, job: JobInput): QuoteSnapshot | null {
  if (!Number.isSafeInteger(p.priceCents) || p.priceCents < 0 || !Number.isSafeInteger(p.depositCents) || p.depositCents < 0) return null;
  const quantity = Math.max(1, Math.floor(job.quantity));
  const minutes = Math.max(0, Math.floor(job.durationMinutes));
  let line: Omit<QuoteLine, "amountCents">;
  switch (p.pricingMode) {
    case "HOURLY":
      line = { code: "HOURS", units: Math.max(1, Math.ceil(minutes / 60)), unitPriceCents: p.priceCents };
      break;
    case "DAILY":
      line = { code: "DAYS", units: Math.max(1, Math.ceil(minutes / 1440)), unitPriceCents: p.priceCents };
      break;
    case "PER_USE":
      line = { code: "USES", units: 1, unitPriceCents: p.priceCents };
      break;
    case "PER_KM":
      line = { code: "KM", units: billableKm(job.distanceKm), unitPriceCents: p.priceCents };
      break;
    default:
      return null;
  }
  const lines: QuoteLine[] = [{ ...line, units: line.units * quantity, amountCents: line.units * quantity * line.unitPriceCents }];
  const subtotalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  return {
    version: 1,
    currency: (p.currency || "CNY").toUpperCase(),
    pricingMode: p.pricingMode as QuoteSnapshot["pricingMode"],
    quantity,
    durationMinutes: minutes,
    distanceKm: Math.round(Math.max(0, job.distanceKm) * 100) / 100,
    lines,
    subtotalCents,
    depositCents: p.depositCents * quantity,
    cancelShareBps: CANCEL_SHARE_AFTER_MOBILISATION_BPS,
  };
}

/** What a cancellation refunds: everything before mobilisation, the amount less the supplier's share after. */
export function cancellationRefundCents(amountCents: number, cancelShareBps: number, mobilized: boolean): number {
  if (!mobilized) return amountCents;
  return amountCents - Math.round((amountCents * cancelShareBps) / 10_000);
}

/** Platform fee on what the supplier earned (basis points, rounded half up to the fen). */
export function platformFeeCents(earnedCents: number, feeBps: number): number {
  return Math.round((earnedCents * feeBps) / 10_000);
}

/** Reads a stored snapshot back (JSON column), or null when it is not one. */
export function readQuote(v: unknown): QuoteSnapshot | null {
  if (!v || typeof v !== "object") return null;
  const q = v as Partial<QuoteSnapshot>;
  return q.version === 1 && typeof q.subtotalCents === "number" && Array.isArray(q.lines) ? (q as QuoteSnapshot) : null;
}
