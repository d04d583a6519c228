import { describe, expect, it } from "vitest";
import { NEED_STATUSES, type TNeedStatus } from "@/lib/schemas/needs";
import { checkNeedTransition, fillPct, fillStatus, filledTotal } from "@/server/modules/needs/need-state";

/** Manual moves that are legal (with a reason where one is required). Everything else is refused. */
const ALLOWED: [TNeedStatus, TNeedStatus][] = [
  ["DRAFT", "PENDING_APPROVAL"],
  ["DRAFT", "OPEN"],
  ["DRAFT", "CANCELLED"],
  ["PENDING_APPROVAL", "OPEN"],
  ["PENDING_APPROVAL", "DRAFT"],
  ["PENDING_APPROVAL", "CANCELLED"],
  ["OPEN", "CLOSED"],
  ["OPEN", "CANCELLED"],
  ["PARTIALLY_FILLED", "CLOSED"],
  ["PARTIALLY_FILLED", "CANCELLED"],
  ["FILLED", "CLOSED"],
  ["FILLED", "CANCELLED"],
];

describe("need state machine (manual moves)", () => {
  const pairs = NEED_STATUSES.flatMap((from) => NEED_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)("%s → %s", (from, to) => {
    const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
    const run = () => checkNeedTransition(from, { to, unmetReason: "ALL_BUSY" });
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow();
  });

  it("fill statuses are automatic, never set by hand", () => {
    expect(() => checkNeedTransition("OPEN", { to: "FILLED" })).toThrow(/automatic|committed quantities/);
    expect(() => checkNeedTransition("PARTIALLY_FILLED", { to: "OPEN" })).toThrow(/committed quantities/);
  });

  it("closing an unfilled need requires a reason; OTHER requires a note", () => {
    for (const from of ["OPEN", "PARTIALLY_FILLED"] as const) {
      expect(() => checkNeedTransition(from, { to: "CLOSED" })).toThrow(/reason/);
      expect(checkNeedTransition(from, { to: "CLOSED", unmetReason: "NO_SUPPLIER_IN_RANGE" })).toEqual({
        unmetReason: "NO_SUPPLIER_IN_RANGE",
        unmetNote: null,
      });
    }
    expect(() => checkNeedTransition("OPEN", { to: "CLOSED", unmetReason: "OTHER" })).toThrow(/Describe/);
    expect(checkNeedTransition("OPEN", { to: "CLOSED", unmetReason: "OTHER", unmetNote: "道路中断" }).unmetNote).toBe("道路中断");
  });

  it("closing a filled need needs no reason", () => {
    expect(checkNeedTransition("FILLED", { to: "CLOSED" })).toEqual({ unmetReason: null, unmetNote: null });
  });

  it("cancelling a published unfilled need records CANCELLED_BY_REQUESTER; a draft records nothing", () => {
    expect(checkNeedTransition("OPEN", { to: "CANCELLED" }).unmetReason).toBe("CANCELLED_BY_REQUESTER");
    expect(checkNeedTransition("DRAFT", { to: "CANCELLED" }).unmetReason).toBeNull();
  });

  it("final states refuse everything with CONFLICT", () => {
    for (const from of ["CLOSED", "CANCELLED"] as const) {
      try {
        checkNeedTransition(from, { to: "OPEN" });
        expect.unreachable();
      } catch (e) {
        expect((e as { code: string }).code).toBe("CONFLICT");
      }
    }
  });
});

describe("quantity bookkeeping math", () => {
  const b = (committed: number, enRoute = 0, onScene = 0, released = 0) => ({ committed, enRoute, onScene, released });
  it.each([
    [10, b(0), "OPEN", 0],
    [10, b(1), "PARTIALLY_FILLED", 10],
    [10, b(3, 2, 1, 1), "PARTIALLY_FILLED", 70],
    [10, b(0, 0, 0, 10), "FILLED", 100],
    [10, b(4, 3, 2, 1), "FILLED", 100],
    [3, b(1), "PARTIALLY_FILLED", 33],
    [3, b(2), "PARTIALLY_FILLED", 67],
  ] as const)("quantity %i, %o → %s, %i%%", (q, buckets, status, pct) => {
    expect(fillStatus(q, buckets)).toBe(status);
    expect(fillPct(q, buckets)).toBe(pct);
  });

  it("moving units between buckets keeps the filled total", () => {
    expect(filledTotal(b(5, 0, 0, 0))).toBe(filledTotal(b(2, 1, 1, 1)));
  });

  it("fillPct caps at 100", () => {
    expect(fillPct(2, b(5))).toBe(100);
  });
});
