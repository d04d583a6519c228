import { describe, expect, it } from "vitest";
import type { AssignmentStatus } from "@/server/generated/prisma/enums";
import type { NeedRow } from "./incidents";
import type { ResourceRow } from "./resources";
import { settleNeedQuantities, settleResourceCommitments } from "./need-quantities";

const need = (id: string, quantity: number, status: string) => ({ id, title: id, quantity, status, unmetReason: null }) as unknown as NeedRow;
const a = (needId: string, status: AssignmentStatus, quantity: number, resourceId: string | null = "r1", unitIndex: number | null = null) =>
  ({ needId, status, quantity, resourceId, unitIndex });

describe("settleNeedQuantities / settleResourceCommitments", () => {
  it("puts each unit in one bucket by its assignment's status and recomputes the fill status", () => {
    const pumps = need("pumps", 3, "FILLED");
    const closed = need("closed", 5, "CLOSED");
    settleNeedQuantities([pumps, closed], [
      a("pumps", "EN_ROUTE", 1, "p", 0), a("pumps", "ON_SCENE", 1, "p", 1), a("pumps", "OFFERED", 1, "p", 2), a("pumps", "DECLINED", 1, "p", 3),
      a("closed", "RELEASED", 2), a("closed", "COMPLETED", 1),
    ]);
    expect(pumps).toMatchObject({ qtyCommitted: 0, qtyEnRoute: 1, qtyOnScene: 1, qtyReleased: 0, status: "PARTIALLY_FILLED" });
    expect(closed).toMatchObject({ qtyCommitted: 0, qtyReleased: 3, status: "CLOSED", unmetReason: "NO_SUPPLIER_IN_RANGE" });
  });

  it("refuses assignments that fill a need beyond its quantity", () => {
    expect(() => settleNeedQuantities([need("n", 1, "OPEN")], [a("n", "ACCEPTED", 1), a("n", "MOBILIZED", 1)])).toThrow(/2 filled of 1/);
  });

  it("holds divisible stock from accept until completion, unit listings not at all", () => {
    const bags = { id: "r1", totalQuantity: 5000, committedQuantity: 99 } as ResourceRow;
    const pump = { id: "p", totalQuantity: 4, committedQuantity: 0 } as ResourceRow;
    settleResourceCommitments([bags, pump], [
      a("n", "ACCEPTED", 100), a("n", "EN_ROUTE", 200), a("n", "ON_SCENE", 300), a("n", "COMPLETED", 400), a("n", "RELEASED", 500), a("n", "OFFERED", 600),
      a("m", "ON_SCENE", 1, "p", 0),
    ]);
    expect(bags.committedQuantity).toBe(600);
    expect(pump.committedQuantity).toBe(0);
  });
});
