/**
 * Wall time per phase of one operation, logged only when the whole took at least `slowMs`: under load it says
 * where a slow request spent its time (waiting for a pooled connection, a lock, the solver) without a profiler.
 */
export type PhaseTimer = { mark: (phase: string) => void; done: () => void };

export function phaseTimer(label: string, slowMs = 5_000, log: (line: string) => void = (l) => console.warn(l)): PhaseTimer {
  const t0 = performance.now();
  let last = t0;
  const phases: string[] = [];
  return {
    mark(phase) {
      const now = performance.now();
      phases.push(`${phase} ${Math.round(now - last)} ms`);
      last = now;
    },
    done() {
      const total = performance.now() - t0;
      if (total >= slowMs) log(`[muster] slow ${label}: ${Math.round(total)} ms (${phases.join(", ")})`);
    },
  };
}
