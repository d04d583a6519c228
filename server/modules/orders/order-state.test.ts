import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, statusAfterRefund } from "@/server/modules/orders/order-state";

describe("order state machine", () => {
  it("follows quoted → accepted → payable → paid → (partially) refunded / settled", () => {
    for (const [a, b] of [["QUOTED", "ACCEPTED"], ["ACCEPTED", "PAYABLE"], ["PAYABLE", "PAID"], ["PAID", "PARTIALLY_REFUNDED"], ["PARTIALLY_REFUNDED", "REFUNDED"], ["PAID", "SETTLED"]] as const) {
      expect(canTransition(a, b)).toBe(true);
    }
  });
  it("never goes back from money moved, and a cancelled or refunded order is final", () => {
    expect(canTransition("PAID", "ACCEPTED")).toBe(false);
    expect(canTransition("PAID", "CANCELLED")).toBe(false);
    expect(canTransition("CANCELLED", "PAID")).toBe(false);
    expect(canTransition("REFUNDED", "SETTLED")).toBe(false);
    expect(() => assertTransition("SETTLED", "PAYABLE")).toThrow(/cannot become PAYABLE/);
  });
  it("derives the status from the refunded total", () => {
    expect(statusAfterRefund("PAID", 1000, 0)).toBe("PAID");
    expect(statusAfterRefund("PAID", 1000, 1)).toBe("PARTIALLY_REFUNDED");
    expect(statusAfterRefund("PARTIALLY_REFUNDED", 1000, 1000)).toBe("REFUNDED");
    expect(statusAfterRefund("SETTLED", 1000, 10)).toBe("SETTLED");
  });
});
