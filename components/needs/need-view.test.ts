import { describe, expect, it } from "vitest";
import { closeNeedsReason, fillFraction, fillSegments, needActions, percentOf } from "@/components/needs/need-view";

const need = (quantity: number, committed = 0, enRoute = 0, onScene = 0, released = 0) => ({ quantity, committed, enRoute, onScene, released });

describe("fill bars", () => {
  it("measures each stage against the requested quantity", () => {
    expect(fillSegments(need(10, 2, 3, 1, 0)).map((s) => [s.key, s.value, s.pct])).toEqual([
      ["committed", 2, 20],
      ["enRoute", 3, 30],
      ["onScene", 1, 10],
      ["released", 0, 0],
    ]);
    expect(fillFraction(need(10, 2, 3, 1, 0))).toBe(0.6);
  });

  it("rounds to one decimal and never draws past 100%", () => {
    expect(percentOf(1, 3)).toBe(33.3);
    const over = fillSegments(need(4, 3, 3, 0, 0));
    expect(over.map((s) => s.pct)).toEqual([75, 25, 0, 0]);
    expect(fillFraction(need(4, 3, 3))).toBe(1);
  });

  it("shows empty bars when nothing (or nothing sensible) was requested", () => {
    expect(fillSegments(need(0, 5)).every((s) => s.pct === 0)).toBe(true);
    expect(percentOf(-1, 10)).toBe(0);
  });
});

describe("need actions", () => {
  it("offers what the state machine allows", () => {
    expect(needActions("DRAFT")).toEqual(["edit", "open", "cancel"]);
    expect(needActions("PENDING_APPROVAL")).toEqual(["edit", "cancel"]);
    expect(needActions("PENDING_APPROVAL", { canApprove: true })).toContain("approve");
    expect(needActions("OPEN")).toEqual(["edit", "close", "cancel"]);
    expect(needActions("PARTIALLY_FILLED")).toEqual(["close", "cancel"]);
    expect(needActions("FILLED")).toEqual(["close", "cancel"]);
    expect(needActions("CLOSED")).toEqual([]);
    expect(needActions("CANCELLED")).toEqual([]);
  });

  it("asks for a reason only when closing a need that is not filled", () => {
    expect(closeNeedsReason("OPEN")).toBe(true);
    expect(closeNeedsReason("PARTIALLY_FILLED")).toBe(true);
    expect(closeNeedsReason("FILLED")).toBe(false);
  });
});
