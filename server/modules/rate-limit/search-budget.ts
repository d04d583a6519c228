import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import { countHit } from "@/server/modules/rate-limit/rate-limit";

/**
 * The search budget (rate-limit-config.ts `search`): every search call of an API key or a person, tRPC queries
 * included (the general budget leaves people's tRPC reads free). Over budget: TOO_MANY_REQUESTS, with
 * Retry-After set on `resHeaders` when the transport has response headers.
 */
export async function checkSearchBudget(db: Db, limiter: RateLimiter, actor: Actor, resHeaders?: Headers): Promise<void> {
  const key = actor.apiKey ? `search:key:${actor.apiKey.id}` : `search:user:${actor.userId}`;
  const res = await countHit(db, { key, budget: limiter.budgets.search }, limiter.now());
  if (res.allowed) return;
  resHeaders?.set("Retry-After", String(res.resetSeconds));
  throw new AppError("TOO_MANY_REQUESTS", `Search rate limit exceeded: ${res.limit} searches per ${res.windowSeconds} s. Retry after ${res.resetSeconds} s.`);
}
