/**
 * A cap on concurrent PDF renders in this process: each render is a headless Chromium (~200 MB, a core
 * for seconds), so at most `maxConcurrent` run at once. Others wait in line for up to `maxWaitMs`; a
 * request that would be more than `maxQueued` deep, or waits too long, is refused with RenderBusyError
 * (the route answers 503 with Retry-After) instead of piling browsers onto a loaded machine.
 */
export class RenderBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("Too many reports are being rendered right now.");
  }
}

export type RenderGate = {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Renders running and waiting (for tests and logs). */
  stats(): { running: number; queued: number };
};

export function createRenderGate(opts: { maxConcurrent: number; maxQueued: number; maxWaitMs: number; retryAfterSeconds: number }): RenderGate {
  let running = 0;
  const queue: { start: () => void }[] = [];

  const release = () => {
    const next = queue.shift();
    if (next) next.start();
    else running--;
  };

  // A slot is handed over directly from the finishing render to the first in line (running stays the same).
  const acquire = (): Promise<void> => {
    if (running < opts.maxConcurrent) {
      running++;
      return Promise.resolve();
    }
    if (queue.length >= opts.maxQueued) return Promise.reject(new RenderBusyError(opts.retryAfterSeconds));
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(entry), 1);
        reject(new RenderBusyError(opts.retryAfterSeconds));
      }, opts.maxWaitMs);
      queue.push(entry);
    });
  };

  return {
    async run(fn) {
      await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
    stats: () => ({ running, queued: queue.length }),
  };
}

/** The app's gate: two renders at a time, four more waiting up to 15 s. */
export const PDF_RENDER_GATE = createRenderGate({ maxConcurrent: 2, maxQueued: 4, maxWaitMs: 15_000, retryAfterSeconds: 20 });
