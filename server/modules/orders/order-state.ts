import type { OrderStatus } from "@/server/generated/prisma/enums";
import { AppError } from "@/server/errors";

/**
 * The order's state machine. An order is created on acceptance (ACCEPTED, its quote frozen); PAYABLE once a
 * way to pay is open (a Checkout Session, or an invoice); PAID when the money arrived; refunds make it
 * PARTIALLY_REFUNDED or REFUNDED; SETTLED once the supplier was paid out. CANCELLED only before any money
 * moved. None of this gates the operation: the assignment mobilises whatever the order's state.
 */
const NEXT: Record<OrderStatus, OrderStatus[]> = {
  QUOTED: ["ACCEPTED", "CANCELLED"],
  ACCEPTED: ["PAYABLE", "PAID", "CANCELLED", "SETTLED"],
  PAYABLE: ["ACCEPTED", "PAID", "CANCELLED", "SETTLED"],
  PAID: ["PARTIALLY_REFUNDED", "REFUNDED", "SETTLED"],
  PARTIALLY_REFUNDED: ["PARTIALLY_REFUNDED", "REFUNDED", "SETTLED"],
  REFUNDED: [],
  SETTLED: ["PARTIALLY_REFUNDED", "REFUNDED"],
  CANCELLED: [],
  // rows from before the order flow (none in practice): treat as accepted
  PENDING: ["PAYABLE", "PAID", "CANCELLED"],
  AUTHORIZED: ["PAID", "CANCELLED"],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new AppError("CONFLICT", `This order is ${from}; it cannot become ${to}.`);
}

export const UNPAID_STATUSES: OrderStatus[] = ["ACCEPTED", "PAYABLE", "PENDING", "AUTHORIZED", "QUOTED"];
export const MONEY_IN_STATUSES: OrderStatus[] = ["PAID", "PARTIALLY_REFUNDED"];

/** After a refund: the status the refunded total implies (a settled order stays settled until fully refunded). */
export function statusAfterRefund(current: OrderStatus, amountCents: number, refundedCents: number): OrderStatus {
  if (refundedCents >= amountCents) return "REFUNDED";
  if (current === "SETTLED") return "SETTLED";
  return refundedCents > 0 ? "PARTIALLY_REFUNDED" : current;
}
