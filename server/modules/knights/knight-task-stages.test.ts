import { describe, expect, it } from "vitest";
import { checkKnightStep, knightNextStages, nextStage, stagePath, statusForStage } from "@/server/modules/knights/knight-task-stages";

describe("knight task stages", () => {
  it("walks a delivery through every stage, one step at a time", () => {
    expect(stagePath("DELIVERY")).toEqual(["ACCEPTED", "AT_PICKUP", "PICKED_UP", "AT_DROPOFF", "DELIVERED", "COMPLETED"]);
    expect(nextStage("DELIVERY", "ACCEPTED")).toBe("AT_PICKUP");
    expect(nextStage("DELIVERY", "PICKED_UP")).toBe("AT_DROPOFF");
    expect(nextStage("DELIVERY", "COMPLETED")).toBeNull();
  });

  it("lets errands and recon skip the pickup stages", () => {
    for (const kind of ["ERRAND", "RECON"] as const) {
      expect(nextStage(kind, "ACCEPTED")).toBe("AT_DROPOFF");
      expect(checkKnightStep(kind, "ACCEPTED", "AT_PICKUP")).toEqual({ ok: false, error: "stageNotNext" });
      expect(nextStage(kind, "PICKED_UP")).toBeNull();
    }
  });

  it("refuses skipping, going back and staying", () => {
    expect(checkKnightStep("DELIVERY", "ACCEPTED", "PICKED_UP")).toEqual({ ok: false, error: "stageNotNext" });
    expect(checkKnightStep("DELIVERY", "AT_DROPOFF", "PICKED_UP")).toEqual({ ok: false, error: "stageNotNext" });
    expect(checkKnightStep("DELIVERY", "AT_DROPOFF", "AT_DROPOFF")).toEqual({ ok: false, error: "stageNotNext" });
    expect(checkKnightStep("DELIVERY", "AT_PICKUP", "PICKED_UP")).toEqual({ ok: true });
  });

  it("requires a report (text and/or photos) for RECON at DELIVERED, not for other kinds", () => {
    expect(checkKnightStep("RECON", "AT_DROPOFF", "DELIVERED")).toEqual({ ok: false, error: "reportRequired" });
    expect(checkKnightStep("RECON", "AT_DROPOFF", "DELIVERED", "   ", 0)).toEqual({ ok: false, error: "reportRequired" });
    expect(checkKnightStep("RECON", "AT_DROPOFF", "DELIVERED", "桥面积水约30厘米")).toEqual({ ok: true });
    expect(checkKnightStep("RECON", "AT_DROPOFF", "DELIVERED", undefined, 1)).toEqual({ ok: true });
    expect(checkKnightStep("DELIVERY", "AT_DROPOFF", "DELIVERED")).toEqual({ ok: true });
  });

  it("leaves COMPLETED to the dispatcher", () => {
    expect(checkKnightStep("DELIVERY", "DELIVERED", "COMPLETED")).toEqual({ ok: false, error: "completeByDispatcher" });
    expect(knightNextStages("DELIVERY", "DELIVERED")).toEqual([]);
    expect(knightNextStages("ERRAND", "ACCEPTED")).toEqual(["AT_DROPOFF"]);
  });

  it("keeps the assignment status in step", () => {
    expect(["ACCEPTED", "AT_PICKUP", "PICKED_UP", "AT_DROPOFF", "DELIVERED", "COMPLETED"].map((s) => statusForStage(s as never))).toEqual([
      "ACCEPTED", "EN_ROUTE", "EN_ROUTE", "ON_SCENE", "ON_SCENE", "COMPLETED",
    ]);
  });
});
