import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, createElement, type ReactNode } from "react";
import { appRouter } from "@/server/api/root";
import { createCallerFactory, createContext } from "@/server/api/trpc";
import { makeQueryClient } from "@/lib/trpc/query-client";

/**
 * tRPC in React Server Components. Everything is memoised per request with React `cache`, so the
 * layout and the page share one context (one session lookup) and one caller.
 *
 *   const caller = await getServerCaller();
 *   const summary = await caller.dashboard.summary();
 *
 * Procedures run in-process with the same authorisation as over HTTP (the actor comes from the
 * request's cookies / Authorization header).
 */
export const getServerContext = cache(async () => createContext({ headers: new Headers(await headers()) }));

const createCaller = createCallerFactory(appRouter);

export const getServerCaller = cache(async () => createCaller(await getServerContext()));

/** The signed-in actor, or null. Pages redirect to sign-in on null (never rely on the layout alone). */
export async function getServerActor() {
  return (await getServerContext()).actor;
}

/** Per-request QueryClient for prefetching data that client components then read from the cache. */
export const getQueryClient = cache(makeQueryClient);

/**
 * Query options for prefetching in RSC:
 *   void getQueryClient().prefetchQuery(trpc.dashboard.summary.queryOptions());
 *   return <HydrateClient><ClientThing /></HydrateClient>;
 */
export const trpc = createTRPCOptionsProxy({ ctx: getServerContext, router: appRouter, queryClient: getQueryClient });

/** Hands the request's prefetched queries to the client QueryClient. */
export function HydrateClient(props: { children: ReactNode }) {
  return createElement(HydrationBoundary, { state: dehydrate(getQueryClient()) }, props.children);
}
