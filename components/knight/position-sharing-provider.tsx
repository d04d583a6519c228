"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";
import { useTRPC } from "@/lib/trpc/react";
import { usePositionSharing, type SharingState } from "@/components/knight/use-position-sharing";

type Sharing = { state: SharingState; lastSentAt: Date | null };

const SharingContext = createContext<Sharing>({ state: "off", lastSentAt: null });

/** The live-task query the knight pages share (same key everywhere, so one fetch serves all). */
export const LIVE_TASKS_INPUT = { historyLimit: 1 } as const;

/**
 * Shares the knight's position on every knight page — the home, and the task screen they look at while
 * riding — while on duty or on a live task (the server accepts reports only then). Duty comes from the
 * knight.me query, which the duty switch updates; pages read the sharing state with useSharing().
 */
export function PositionSharingProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.knight.me.queryOptions());
  const tasks = useQuery(trpc.knightTask.myTasks.queryOptions(LIVE_TASKS_INPUT));
  const enabled = !!me.data?.onDuty || (tasks.data?.live.length ?? 0) > 0;
  const report = useMutation(trpc.knightTask.reportPosition.mutationOptions());
  const sharing = usePositionSharing(enabled, (fix) => report.mutateAsync(fix));
  return <SharingContext.Provider value={sharing}>{children}</SharingContext.Provider>;
}

export function useSharing(): Sharing {
  return useContext(SharingContext);
}
