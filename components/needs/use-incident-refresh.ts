"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/lib/trpc/react";

/** After a change: refetch every incident query (the page, its needs, the list), so bars and badges update. */
export function useIncidentRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries(trpc.incident.pathFilter()), [queryClient, trpc]);
}

/** The server's sentence for a failed call (state-machine errors are written for people). */
export function errorMessage(error: unknown): string {
  return (error as { message?: string } | null)?.message ?? "";
}

export function fieldErrorsOf(error: unknown): Record<string, string[]> | null {
  return (error as { data?: { fieldErrors?: Record<string, string[]> | null } } | null)?.data?.fieldErrors ?? null;
}
