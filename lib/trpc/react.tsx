"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { makeQueryClient } from "@/lib/trpc/query-client";

/**
 * Client-side tRPC:
 *   const trpc = useTRPC();
 *   const { data } = useQuery(trpc.dashboard.summary.queryOptions());
 *   const verify = useMutation(trpc.org.verify.mutationOptions({ onSuccess: ... }));
 * Live events are not tRPC: an EventSource on /api/live (lib/live/use-live-stream.ts).
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const API_PATH = "/api/trpc";

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every render gets its own client (never share cached data between requests);
  // in the browser one client lives for the page's lifetime.
  if (typeof window === "undefined") return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}

export function TRPCReactProvider(props: {
  children: ReactNode;
  /**
   * Absolute origin for requests made while server-rendering client components (relative URLs do not
   * work there), e.g. "http://127.0.0.1:3000". The browser always uses the relative /api/trpc.
   */
  ssrOrigin?: string;
  /** Sent as x-muster-locale so server messages (errors, e-mails) can match the UI language. */
  locale?: string;
}) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() => {
    const url = typeof window === "undefined" ? `${props.ssrOrigin ?? "http://127.0.0.1:3000"}${API_PATH}` : API_PATH;
    const headers = () => ({ "x-trpc-source": "react", ...(props.locale ? { "x-muster-locale": props.locale } : {}) });
    return createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url, transformer: superjson, headers })],
    });
  });
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {props.children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
