import { describe, expect, it } from "vitest";
import { isNetworkFailure, StepQueue, type QueuedStep } from "@/lib/knight/step-queue";

function memoryStorage(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [["muster.knight.pendingSteps.v1", initial]]);
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

const step = (assignmentId: string, to: QueuedStep["to"]): QueuedStep => ({ assignmentId, to, queuedAt: "2026-11-29T10:00:00.000Z" });

describe("StepQueue", () => {
  it("keeps one waiting step per task, across instances (a reload), until it is removed", () => {
    const storage = memoryStorage();
    const q = new StepQueue(storage);
    q.put(step("a1", "AT_PICKUP"));
    q.put(step("a2", "AT_DROPOFF"));
    q.put({ ...step("a1", "PICKED_UP"), note: "x" });
    const again = new StepQueue(storage);
    expect(again.forTask("a1")).toEqual({ ...step("a1", "PICKED_UP"), note: "x" });
    expect(again.forTask("a2")?.to).toBe("AT_DROPOFF");
    again.remove("a1");
    expect(new StepQueue(storage).forTask("a1")).toBeNull();
    expect(new StepQueue(storage).forTask("a2")).not.toBeNull();
  });

  it("reads garbage or no storage as an empty queue and never throws", () => {
    expect(new StepQueue(memoryStorage("{not json")).forTask("a1")).toBeNull();
    expect(new StepQueue(memoryStorage('[{"assignmentId":1}]')).forTask("1")).toBeNull();
    const none = new StepQueue(null);
    none.put(step("a1", "AT_PICKUP"));
    expect(none.forTask("a1")).toBeNull();
    const full = new StepQueue({ getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } });
    expect(() => full.put(step("a1", "AT_PICKUP"))).not.toThrow();
  });
});

describe("isNetworkFailure", () => {
  it("retries what never reached the server, not what the server refused", () => {
    expect(isNetworkFailure(new TypeError("Failed to fetch"))).toBe(true);
    expect(isNetworkFailure({ message: "Unexpected token <", data: undefined })).toBe(true);
    expect(isNetworkFailure({ message: "This task has ended.", data: { code: "CONFLICT", httpStatus: 409 } })).toBe(false);
    expect(isNetworkFailure(null)).toBe(false);
  });
});
