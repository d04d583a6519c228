import { AppError } from "@/server/errors";
import type { LiveEvent } from "@/server/modules/live/live-hub";

/** A bounded FIFO that one subscription's generator awaits; `close` ends it, an overflow fails it. */
export class EventQueue {
  private items: LiveEvent[] = [];
  private head = 0;
  private waiter: (() => void) | null = null;
  private overflowed = false;
  private closed = false;
  /** Ids of queued hole fills: not handed out yet, so still holes in the cursor of what is handed out before them. */
  readonly pendingFills = new Set<string>();

  constructor(private readonly max: number) {}

  push(event: LiveEvent, fill: boolean) {
    if (this.closed || this.overflowed) return;
    if (this.items.length - this.head >= this.max) this.overflowed = true;
    else {
      this.items.push(event);
      if (fill) this.pendingFills.add(event.id);
    }
    this.wake();
  }

  close() {
    this.closed = true;
    this.wake();
  }

  private wake() {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** The next event, or null once closed. Throws when the subscriber fell too far behind. */
  async next(): Promise<LiveEvent | null> {
    for (;;) {
      if (this.overflowed) throw new AppError("TOO_MANY_REQUESTS", "The live stream fell behind. Reconnect to resume.");
      if (this.head < this.items.length) {
        const event = this.items[this.head++]!;
        this.pendingFills.delete(event.id);
        // Drop what was handed out: an idle subscriber (a knight between offers) would otherwise keep every
        // event it ever got until 1,024 piled up — 5,000 connections per process made that heap grow run after run.
        if (this.head === this.items.length) {
          this.items = [];
          this.head = 0;
        } else if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        return event;
      }
      if (this.closed) return null;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }
}
