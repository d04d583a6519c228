import { describe, expect, it } from "vitest";
import { createRenderGate, RenderBusyError } from "@/server/modules/command/aar/render-gate";

/** A render the test finishes by hand, so the gate's queue can be observed at each step. */
function held() {
  let finish!: (v: string) => void;
  const done = new Promise<string>((r) => (finish = r));
  return { fn: () => done, finish };
}
const settled = () => new Promise((r) => setTimeout(r, 0));

describe("render gate", () => {
  it("runs at most maxConcurrent at once; the next in line starts when one finishes", async () => {
    const gate = createRenderGate({ maxConcurrent: 2, maxQueued: 2, maxWaitMs: 60_000, retryAfterSeconds: 7 });
    const [a, b, c] = [held(), held(), held()];
    let cStarted = false;
    const pa = gate.run(a.fn);
    const pb = gate.run(b.fn);
    const pc = gate.run(() => ((cStarted = true), c.fn()));
    await settled();
    expect(gate.stats()).toEqual({ running: 2, queued: 1 });
    expect(cStarted).toBe(false);
    a.finish("a");
    expect(await pa).toBe("a");
    await settled();
    expect(cStarted).toBe(true);
    expect(gate.stats()).toEqual({ running: 2, queued: 0 });
    b.finish("b");
    c.finish("c");
    expect(await Promise.all([pb, pc])).toEqual(["b", "c"]);
    expect(gate.stats()).toEqual({ running: 0, queued: 0 });
  });

  it("refuses at once when the line is full, with the Retry-After to send", async () => {
    const gate = createRenderGate({ maxConcurrent: 1, maxQueued: 1, maxWaitMs: 60_000, retryAfterSeconds: 7 });
    const a = held();
    const pa = gate.run(a.fn);
    const pb = gate.run(async () => "b");
    const refused = await gate.run(async () => "c").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RenderBusyError);
    expect((refused as RenderBusyError).retryAfterSeconds).toBe(7);
    a.finish("a");
    expect(await Promise.all([pa, pb])).toEqual(["a", "b"]);
  });

  it("a waiter gives up after maxWaitMs and leaves the line; a failed render frees its slot", async () => {
    const gate = createRenderGate({ maxConcurrent: 1, maxQueued: 3, maxWaitMs: 20, retryAfterSeconds: 5 });
    const a = held();
    const pa = gate.run(a.fn);
    await expect(gate.run(async () => "late")).rejects.toBeInstanceOf(RenderBusyError);
    expect(gate.stats()).toEqual({ running: 1, queued: 0 });
    a.finish("a");
    await pa;
    await expect(gate.run(async () => Promise.reject(new Error("chromium crashed")))).rejects.toThrow("chromium crashed");
    expect(await gate.run(async () => "next")).toBe("next");
    expect(gate.stats()).toEqual({ running: 0, queued: 0 });
  });
});
