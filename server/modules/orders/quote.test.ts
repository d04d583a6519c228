import { describe, expect, it } from "vitest";
import { billableKm, cancellationRefundCents, computeQuote, platformFeeCents, readQuote } from "@/server/modules/orders/quote";

const p = (pricingMode: string, priceCents: number, depositCents = 0) => ({ pricingMode, priceCents, depositCents, currency: "CNY" });

/** Golden table: pricing × job → lines, subtotal, deposit. Any change to the rules changes these on purpose. */
const GOLDEN: { name: string; pricing: ReturnType<typeof p>; job: { durationMinutes: number; distanceKm: number; quantity: number }; units: number; subtotal: number; deposit: number }[] = [
  { name: "hourly, 12 h", pricing: p("HOURLY", 30_000), job: { durationMinutes: 720, distanceKm: 5, quantity: 1 }, units: 12, subtotal: 360_000, deposit: 0 },
  { name: "hourly rounds a started hour up", pricing: p("HOURLY", 30_000), job: { durationMinutes: 61, distanceKm: 5, quantity: 1 }, units: 2, subtotal: 60_000, deposit: 0 },
  { name: "hourly, 0 min bills one hour", pricing: p("HOURLY", 30_000), job: { durationMinutes: 0, distanceKm: 0, quantity: 1 }, units: 1, subtotal: 30_000, deposit: 0 },
  { name: "daily, 25 h → 2 days, 2 units", pricing: p("DAILY", 200_000, 50_000), job: { durationMinutes: 1500, distanceKm: 10, quantity: 2 }, units: 4, subtotal: 800_000, deposit: 100_000 },
  { name: "per use", pricing: p("PER_USE", 88_800, 10_000), job: { durationMinutes: 480, distanceKm: 40, quantity: 1 }, units: 1, subtotal: 88_800, deposit: 10_000 },
  { name: "per km: round trip on roads, 10 km → 26 km", pricing: p("PER_KM", 1_200), job: { durationMinutes: 60, distanceKm: 10, quantity: 1 }, units: 26, subtotal: 31_200, deposit: 0 },
  { name: "per km: 3.21 km → ceil(8.346) = 9 km", pricing: p("PER_KM", 1_000), job: { durationMinutes: 60, distanceKm: 3.21, quantity: 1 }, units: 9, subtotal: 9_000, deposit: 0 },
];

describe("computeQuote (golden table)", () => {
  for (const g of GOLDEN) {
    it(g.name, () => {
      const q = computeQuote(g.pricing, g.job)!;
      expect(q.lines).toHaveLength(1);
      expect(q.lines[0]!.units).toBe(g.units);
      expect(q.subtotalCents).toBe(g.subtotal);
      expect(q.depositCents).toBe(g.deposit);
      expect(q.currency).toBe("CNY");
      expect(q.cancelShareBps).toBe(3000);
      expect(Number.isInteger(q.subtotalCents)).toBe(true);
    });
  }

  it("free listings and bad prices have no quote", () => {
    expect(computeQuote(p("FREE", 0), { durationMinutes: 60, distanceKm: 1, quantity: 1 })).toBeNull();
    expect(computeQuote(p("HOURLY", 1.5), { durationMinutes: 60, distanceKm: 1, quantity: 1 })).toBeNull();
    expect(computeQuote(p("HOURLY", -1), { durationMinutes: 60, distanceKm: 1, quantity: 1 })).toBeNull();
  });

  it("a snapshot survives JSON and reads back; anything else reads as null", () => {
    const q = computeQuote(p("DAILY", 100), { durationMinutes: 10, distanceKm: 1, quantity: 1 });
    expect(readQuote(JSON.parse(JSON.stringify(q)))).toEqual(q);
    expect(readQuote({ version: 2 })).toBeNull();
    expect(readQuote(null)).toBeNull();
  });

  it("cancellation: full refund before mobilisation, the stated share kept after; fees round to the fen", () => {
    expect(cancellationRefundCents(10_001, 3000, false)).toBe(10_001);
    expect(cancellationRefundCents(10_001, 3000, true)).toBe(7_001);
    expect(platformFeeCents(10_050, 500)).toBe(503);
    expect(billableKm(0)).toBe(0);
  });
});
