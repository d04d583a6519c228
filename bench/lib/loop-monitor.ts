/**
 * Event-loop delay, GC pauses and heap of this process, for the benchmarks (bench:dispatch's client and its
 * app-like servers). Besides the maxima since the last reset it keeps a timeline — the worst delay of each
 * `sliceMs` slice on the epoch clock — so stalls can be lined up with latencies measured in another process.
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";

export type LoopStats = {
  lagMaxMs: number;
  lagP99Ms: number;
  gcMaxMs: number;
  gcTotalMs: number;
  heapMb: number;
  /** [epoch ms at the end of the slice, worst event-loop delay in it (ms)], only slices worse than `floorMs`. */
  timeline: [number, number][];
  /** [epoch ms, pause ms, kind] of each GC pause of at least `floorMs`. */
  gcs: [number, number, number][];
};

const epoch = () => Math.round(performance.timeOrigin + performance.now());

export function startLoopMonitor(o: { sliceMs?: number; floorMs?: number } = {}) {
  const sliceMs = o.sliceMs ?? 100;
  const floorMs = o.floorMs ?? 20;
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const slice = monitorEventLoopDelay({ resolution: 5 });
  slice.enable();
  let gcMs: number[] = [];
  let gcs: [number, number, number][] = [];
  let timeline: [number, number][] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs.push(e.duration);
      if (e.duration >= floorMs) gcs.push([Math.round(performance.timeOrigin + e.startTime), Math.round(e.duration), (e.detail as { kind?: number } | undefined)?.kind ?? 0]);
    }
  }).observe({ entryTypes: ["gc"] });
  // The timer itself is held up by a stall, so the slice it closes carries that stall's delay.
  setInterval(() => {
    const max = slice.max / 1e6;
    slice.reset();
    if (max >= floorMs) timeline.push([epoch(), Math.round(max)]);
    if (timeline.length > 20_000) timeline = timeline.slice(-10_000);
  }, sliceMs).unref();

  return {
    reset() {
      lag.reset();
      gcMs = [];
      gcs = [];
      timeline = [];
    },
    stats(): LoopStats {
      return {
        lagMaxMs: lag.max / 1e6,
        lagP99Ms: lag.percentile(99) / 1e6,
        gcMaxMs: Math.max(0, ...gcMs),
        gcTotalMs: gcMs.reduce((a, b) => a + b, 0),
        heapMb: process.memoryUsage().heapUsed / 2 ** 20,
        timeline: [...timeline],
        gcs: [...gcs],
      };
    },
  };
}

/** Heap in use after a full collection (MB): what the process really keeps, not garbage awaiting the next GC. */
export function liveHeapMb(): number {
  v8.setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
