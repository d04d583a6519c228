import { describe, expect, it } from "vitest";
import { MicroBatcher, type BatchOutcome } from "@/server/modules/dispatch/micro-batcher";

/** A batch runner that records its batches and finishes each one only when the test says so. */
function controlledRunner() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<BatchOutcome<string>[]>((resolve) => {
      finish.push(() => resolve(items.map((n) => (n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: `v${n}` }))));
    });
  };
  return { batches, finish, run };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("MicroBatcher", () => {
  it("starts a lone call at once and groups what arrives meanwhile into the next batch, in order", async () => {
    const r = controlledRunner();
    const b = new MicroBatcher(r.run);
    const first = b.submit(1);
    await tick();
    expect(r.batches).toEqual([[1]]);
    const later = [b.submit(2), b.submit(3), b.submit(4)];
    await tick();
    expect(r.batches).toEqual([[1]]); // one batch in flight at a time
    r.finish[0]!();
    expect(await first).toBe("v1");
    await tick();
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    r.finish[1]!();
    expect(await Promise.all(later)).toEqual(["v2", "v3", "v4"]);
  });

  it("calls submitted in the same turn share the first batch; each gets its own outcome", async () => {
    const r = controlledRunner();
    const b = new MicroBatcher(r.run);
    const calls = [b.submit(5), b.submit(-1), b.submit(6)].map((p) => p.then((v) => v, (e: Error) => e.message));
    await tick();
    expect(r.batches).toEqual([[5, -1, 6]]);
    r.finish[0]!();
    expect(await Promise.all(calls)).toEqual(["v5", "bad -1", "v6"]);
  });

  it("a batch that throws fails each of its calls, and the next batch still runs", async () => {
    let n = 0;
    const b = new MicroBatcher<number, number>(async (items) => {
      n++;
      if (n === 1) throw new Error("database down");
      return items.map((i) => ({ ok: true, value: i * 10 }));
    });
    await expect(b.submit(1)).rejects.toThrow("database down");
    expect(await b.submit(2)).toBe(20);
  });

  it("caps the batch size", async () => {
    const r = controlledRunner();
    const b = new MicroBatcher(r.run, 2);
    const all = [1, 2, 3, 4, 5].map((i) => b.submit(i));
    await tick();
    r.finish[0]!();
    await tick();
    r.finish[1]!();
    await tick();
    r.finish[2]!();
    expect(await Promise.all(all)).toEqual(["v1", "v2", "v3", "v4", "v5"]);
    expect(r.batches).toEqual([[1, 2], [3, 4], [5]]);
  });
});
