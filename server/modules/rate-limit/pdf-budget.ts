import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import { countHit, type HitResult } from "@/server/modules/rate-limit/rate-limit";

/**
 * The PDF export budget (rate-limit-config.ts `pdfExport`), per API key or person. Route handlers outside
 * tRPC and REST draw on it themselves, so the answer (429 with Retry-After) is theirs to write.
 */
export function chargePdfExport(db: Db, limiter: RateLimiter, actor: Actor): Promise<HitResult> {
  const key = actor.apiKey ? `pdf:key:${actor.apiKey.id}` : `pdf:user:${actor.userId}`;
  return countHit(db, { key, budget: limiter.budgets.pdfExport }, limiter.now());
}
