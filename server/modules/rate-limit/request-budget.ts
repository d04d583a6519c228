import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { Budget, RateLimitBudgets, RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import { countHit, hitResult, type CountedHit, type Hit, type HitResult } from "@/server/modules/rate-limit/rate-limit";

/** What the limiter needs to know about one request (see rate-limit-config.ts for who pays). */
export type BudgetRequest = {
  actor: Actor | null;
  ip: string | null;
  /** The request carried `Authorization: Bearer mk_…` (valid or not). */
  presentedKey: boolean;
  transport: "rest" | "trpc" | "sse";
  type: "query" | "mutation" | "subscription";
};

export type BudgetOutcome = {
  allowed: boolean;
  /** RateLimit-* (and on refusal Retry-After) response headers. */
  headers: Record<string, string>;
  message: string;
};

const ipOf = (r: BudgetRequest) => r.ip ?? "unknown";

/** An API key draws on the budget of the first of these scopes it holds, else on `apiKey`. */
export const KEY_BUDGET_BY_SCOPE: readonly (readonly [scope: string, budget: keyof RateLimitBudgets])[] = [
  ["platform:riders", "platformKey"],
  ["command:read", "commandKey"],
];

export function apiKeyBudget(scopes: readonly string[], budgets: RateLimitBudgets): Budget {
  const found = KEY_BUDGET_BY_SCOPE.find(([scope]) => scopes.includes(scope));
  return budgets[found ? found[1] : "apiKey"];
}

/** A REST call's API-key hit, counted already by the statement that looked the key up (server/auth/actor.ts). */
export type PrecountedHit = Hit & { row: CountedHit };

/** The subject this request is counted against, or null when it is free (tRPC reads by people). */
export function budgetHit(r: BudgetRequest, limiter: RateLimiter): Hit | null {
  const b = limiter.budgets;
  if (r.presentedKey && !r.actor) return { key: `authfail:${ipOf(r)}`, budget: b.authFailure };
  if (r.type === "subscription") return null;
  if (r.actor?.apiKey) return { key: `key:${r.actor.apiKey.id}`, budget: apiKeyBudget(r.actor.apiKey.scopes, b) };
  if (r.transport === "trpc" && r.type !== "mutation") return null;
  if (r.actor) return { key: `user:${r.actor.userId}`, budget: b.user };
  return { key: `ip:${ipOf(r)}`, budget: b.anonymous };
}

function headersOf(res: HitResult, refused: boolean) {
  const h: Record<string, string> = {
    "RateLimit-Limit": String(res.limit),
    "RateLimit-Remaining": String(res.remaining),
    "RateLimit-Reset": String(res.resetSeconds),
    "RateLimit-Policy": `${res.limit};w=${res.windowSeconds}`,
  };
  if (refused) h["Retry-After"] = String(res.resetSeconds);
  return h;
}

function outcomeOf(hit: Hit, res: HitResult): BudgetOutcome {
  const failedKey = hit.key.startsWith("authfail:");
  return {
    allowed: res.allowed,
    headers: headersOf(res, !res.allowed),
    message: failedKey
      ? `Too many requests with invalid API keys from this address. Retry after ${res.resetSeconds} s.`
      : `Rate limit exceeded: ${res.limit} requests per ${res.windowSeconds} s. Retry after ${res.resetSeconds} s.`,
  };
}

/**
 * Count this request against its budget; null when it is not counted at all. A hit `precounted` for the same
 * subject and window (by the API-key lookup) is judged as it stands instead of being counted twice.
 */
export async function checkRequestBudget(db: Db, limiter: RateLimiter, r: BudgetRequest, precounted?: PrecountedHit | null): Promise<BudgetOutcome | null> {
  const hit = budgetHit(r, limiter);
  if (!hit) return null;
  const now = limiter.now();
  const counted = precounted && precounted.key === hit.key && precounted.budget === hit.budget ? precounted.row : null;
  return outcomeOf(hit, counted ? hitResult(hit, counted, now) : await countHit(db, hit, now));
}
