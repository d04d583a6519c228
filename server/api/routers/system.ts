import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import type { Db } from "@/server/db";
import pkg from "@/package.json";

const DB_TIMEOUT_MS = 2000;

export const ZHealth = z
  .object({
    status: z.enum(["ok", "degraded"]).meta({ description: "ok: serving; degraded: the database is unreachable." }),
    db: z.enum(["up", "down"]),
    time: z.iso.datetime().meta({ example: "2025-07-01T08:00:00.000Z" }),
    version: z.string().meta({ example: "0.1.0" }),
  })
  .meta({ id: "Health" });

/**
 * SELECT 1 with a deadline: the pg pool has no connect timeout, so an unreachable server would
 * otherwise hang the probe instead of reporting "down".
 */
async function pingDatabase(db: Db): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DB_TIMEOUT_MS);
  });
  try {
    return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export const systemRouter = createTRPCRouter({
  /** Liveness + database readiness. The REST adapter answers 503 when `db` is "down". */
  health: publicProcedure
    .meta({ openapi: { method: "GET", path: "/health", tags: ["system"], protect: false, summary: "Service health" } })
    .input(z.void())
    .output(ZHealth)
    .query(async ({ ctx }) => {
      const up = await pingDatabase(ctx.db);
      return {
        status: up ? ("ok" as const) : ("degraded" as const),
        db: up ? ("up" as const) : ("down" as const),
        time: new Date().toISOString(),
        version: pkg.version,
      };
    }),
});
