"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { isNetworkFailure, StepQueue, type QueuedStep } from "@/lib/knight/step-queue";
import { useTRPC } from "@/lib/trpc/react";

const RETRY_MS = 15_000;

type StepInput = Omit<QueuedStep, "queuedAt">;

/** One send at a time: the "online" event and the retry timer may fire together. */
class InFlight {
  private on = false;
  begin(): boolean {
    if (this.on) return false;
    this.on = true;
    return true;
  }
  end() {
    this.on = false;
  }
}

const browserQueue = () => new StepQueue(typeof window === "undefined" ? null : window.localStorage);

/**
 * Stage steps that survive a dead zone: a step the network could not carry is kept on the phone (StepQueue)
 * and sent again when the browser says it is back online, every 15 s meanwhile, and when the task screen
 * opens again. The server still decides (one stage at a time, the task still live) and stamps the time it
 * receives the step; a refusal then (e.g. the task was cancelled meanwhile) drops the step and is shown.
 */
export function useStepSender(assignmentId: string, onSent: () => void) {
  const trpc = useTRPC();
  const [queue] = useState(browserQueue);
  const [inFlight] = useState(() => new InFlight());
  // A step left from before (the app was closed or reloaded offline) is picked up when the screen opens.
  // (Read at the first render: the task screen renders nothing of it until its data arrive in the browser.)
  const [queued, setQueued] = useState<QueuedStep | null>(() => queue.forTask(assignmentId));
  const advance = useMutation(trpc.knightTask.advance.mutationOptions());
  const { mutate } = advance;

  // A resent step the server calls a conflict was mostly applied already (its first answer got lost) or
  // overtaken by a cancel: the refreshed task shows which, so that error is not shown.
  const [quietError, setQuietError] = useState<unknown>(null);

  const send = useCallback(
    (step: StepInput, resend = false) => {
      const keep = () => {
        const waiting: QueuedStep = { ...step, queuedAt: new Date().toISOString() };
        queue.put(waiting);
        setQueued(waiting);
      };
      if (typeof navigator !== "undefined" && navigator.onLine === false) return keep();
      if (!inFlight.begin()) return;
      mutate({ assignmentId: step.assignmentId, to: step.to, proofCode: step.proofCode, note: step.note }, {
        onSettled: () => inFlight.end(),
        onSuccess: () => {
          queue.remove(assignmentId);
          setQueued(null);
          onSent();
        },
        onError: (e) => {
          if (isNetworkFailure(e)) return keep();
          queue.remove(assignmentId); // refused by the server: not sent again
          setQueued(null);
          if (resend && (e as { data?: { code?: string } }).data?.code === "CONFLICT") {
            setQuietError(e);
            onSent();
          }
        },
      });
    },
    [assignmentId, mutate, onSent, queue, inFlight],
  );

  useEffect(() => {
    if (!queued) return;
    const retry = () => {
      if (navigator.onLine !== false) send(queued, true);
    };
    window.addEventListener("online", retry);
    const timer = window.setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener("online", retry);
      window.clearInterval(timer);
    };
  }, [queued, send]);

  const error = advance.error && advance.error !== quietError ? advance.error : null;
  return { send: (step: StepInput) => send(step), queued, pending: advance.isPending, error };
}
