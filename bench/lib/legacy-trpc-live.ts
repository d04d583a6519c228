/**
 * For bench/live-heap.ts only: the removed `live.events` tRPC subscription as it was (superjson, tRPC's SSE
 * with a 15 s ping, `tracked` ids, the same openLiveStream), served by tRPC's fetch handler — so the heap a
 * connection costs on the old stack can be measured next to the plain route that replaced it.
 * (Leaves out the permission / rate-limit middlewares, which hold nothing per open stream.)
 */
import { initTRPC, tracked } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { ZLiveEventsInput, type TLiveEventDto } from "@/lib/schemas/live";
import type { Actor } from "@/server/auth/actor-type";
import type { PrismaClient } from "@/server/db";
import type { LiveHub } from "@/server/modules/live/live-hub";
import { openLiveStream } from "@/server/modules/live/live-stream";

type Ctx = { db: PrismaClient; actor: Actor; hub: LiveHub };

const t = initTRPC.context<Ctx>().create({
  transformer: superjson,
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
});

const router = t.router({
  live: t.router({
    events: t.procedure.input(ZLiveEventsInput).subscription(async function ({ ctx, input, signal }) {
      const stream = await openLiveStream(ctx.db, ctx.hub, ctx.actor, input, signal);
      return (async function* () {
        for await (const e of stream) {
          const dto: TLiveEventDto = { id: e.id, topic: e.topic, kind: e.kind, data: e.data };
          yield tracked(e.cursor, dto);
        }
      })();
    }),
  }),
});

export function legacyLiveHandler(req: Request, ctx: Ctx): Promise<Response> {
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router, createContext: () => ctx });
}

/** The old subscription's path for these topics. */
export function legacyLivePath(topics: string[]): string {
  return `/api/trpc/live.events?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ topics })))}`;
}
