import type { TKnightTaskStage } from "@/lib/schemas/knight-tasks";

/** A stage step the knight took while the phone had no network: sent as soon as it is back. */
export type QueuedStep = { assignmentId: string; to: TKnightTaskStage; proofCode?: string; note?: string; queuedAt: string };

type StepStorage = Pick<Storage, "getItem" | "setItem">;

const KEY = "muster.knight.pendingSteps.v1";

/**
 * The steps waiting on this phone, at most one per task (the next step needs the server's answer to this
 * one), kept in localStorage so closing the app or reloading loses nothing. Storage is injected (null when
 * there is none: private mode, server render) so the rules are testable without a browser.
 */
export class StepQueue {
  constructor(private readonly storage: StepStorage | null) {}

  forTask(assignmentId: string): QueuedStep | null {
    return this.all().find((s) => s.assignmentId === assignmentId) ?? null;
  }

  put(step: QueuedStep) {
    this.save([...this.all().filter((s) => s.assignmentId !== step.assignmentId), step]);
  }

  remove(assignmentId: string) {
    this.save(this.all().filter((s) => s.assignmentId !== assignmentId));
  }

  private all(): QueuedStep[] {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(KEY) ?? "[]");
      return Array.isArray(parsed) ? parsed.filter(isQueuedStep) : [];
    } catch {
      return []; // unreadable: nothing is queued
    }
  }

  private save(steps: QueuedStep[]) {
    try {
      this.storage?.setItem(KEY, JSON.stringify(steps));
    } catch {
      // quota or private mode: the step stays in memory only (the screen still shows it as waiting)
    }
  }
}

function isQueuedStep(v: unknown): v is QueuedStep {
  const s = v as Partial<QueuedStep> | null;
  return !!s && typeof s.assignmentId === "string" && typeof s.to === "string" && typeof s.queuedAt === "string";
}

/**
 * Whether a failed call never got a server's answer (no network, a dropped connection, a gateway's HTML
 * page): worth keeping and sending again. A tRPC error the server sent carries `data` (its code): not retried.
 */
export function isNetworkFailure(error: unknown): boolean {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return true;
  return !!error && typeof error === "object" && !(error as { data?: unknown }).data;
}
