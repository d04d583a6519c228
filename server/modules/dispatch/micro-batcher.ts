/** What one item of a batch came to: its value, or the error its caller should get. */
export type BatchOutcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Runs calls in batches, at most one batch in flight per batcher: calls that arrive while a batch runs wait
 * and go together in the next one. A lone call starts at once (no timer, no added delay); a burst of N calls
 * costs a few batches instead of N round trips. Outcomes come back per item, in submission order.
 */
export class MicroBatcher<I, O> {
  private queue: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly run: (items: I[]) => Promise<BatchOutcome<O>[]>,
    private readonly maxBatch = 1000,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // A microtask, so calls submitted in the same turn of the event loop share the first batch.
        queueMicrotask(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        let outcomes: BatchOutcome<O>[];
        try {
          outcomes = await this.run(batch.map((b) => b.item));
        } catch (error) {
          outcomes = batch.map(() => ({ ok: false, error }));
        }
        batch.forEach((b, i) => {
          const o = outcomes[i] ?? { ok: false, error: new Error("batch returned no outcome for this item") };
          if (o.ok) b.resolve(o.value);
          else b.reject(o.error);
        });
      }
    } finally {
      this.running = false;
    }
  }
}
