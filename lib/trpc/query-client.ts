import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * One QueryClient factory for the browser and for RSC prefetching. Data crosses the server → client
 * boundary with superjson (Dates stay Dates), and pending queries are dehydrated too, so a server
 * component can start a fetch and a client component can pick up the promise.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Server-rendered data is fresh on arrival; don't refetch it immediately on mount.
        staleTime: 30 * 1000,
        retry: (failureCount, error) => {
          const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
          // 4xx will not get better by asking again.
          if (status && status >= 400 && status < 500) return false;
          return failureCount < 2;
        },
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: {
        deserializeData: superjson.deserialize,
      },
    },
  });
}
