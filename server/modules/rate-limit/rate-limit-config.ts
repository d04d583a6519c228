/**
 * Request budgets — the one place they are set. Fixed windows counted in PostgreSQL (rate-limit.ts), so
 * every app instance draws on the same budget. Who pays for a request (request-budget.ts):
 *  - an API key: every REST or tRPC call it makes (keys holding `platform:riders` get the platform budget,
 *    else keys holding `command:read` the command budget);
 *  - a signed-in person: every REST call, and tRPC mutations only (queries and the live SSE feed are free,
 *    so the knight app and dashboards are never slowed);
 *  - anyone else, per client IP: every REST call and tRPC mutations (sign-up, sign-in …);
 *  - a request presenting an unknown, revoked or expired API key: the IP's failed-key budget; once that is
 *    spent, failed attempts from that IP get 429 instead of 401 until the window ends. A valid key is never
 *    refused for its IP's failures: the client IP comes from X-Forwarded-For, so a forged address must not be
 *    able to lock a real platform out (and guessing a 190-bit key is hopeless anyway).
 */
export type Budget = {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
};

export type RateLimitBudgets = {
  apiKey: Budget;
  /**
   * Delivery platforms push duty/position for thousands of riders and answer offer waves for them: a wave
   * of 500 riders accepting within a second must pass (bench:dispatch settles 500 accepts at once).
   */
  platformKey: Budget;
  /**
   * Keys holding `command:read`: each KPI call runs seven aggregations over a region, so the budget is lower
   * (a wall refreshing every 10 s uses one request per window). Give a command wall its own key.
   */
  commandKey: Budget;
  user: Budget;
  anonymous: Budget;
  authFailure: Budget;
  /**
   * Search (REST GET /search, tRPC search.query and search.suggest) per API key or signed-in person, on top of
   * the budget above: suggestions run as someone types, and each search is heavier than a plain read.
   */
  search: Budget;
  /**
   * The after-action report as PDF (GET /api/incidents/<id>/report/pdf), per person or API key, on top of
   * everything else: each one starts a headless Chromium (seconds of CPU and ~200 MB). A person exporting a
   * few reports after an incident stays well inside it; a script looping on it does not.
   */
  pdfExport: Budget;
};

export const RATE_LIMITS: RateLimitBudgets = {
  apiKey: { limit: 100, windowSeconds: 10 },
  platformKey: { limit: 6000, windowSeconds: 10 },
  commandKey: { limit: 30, windowSeconds: 10 },
  user: { limit: 120, windowSeconds: 10 },
  anonymous: { limit: 60, windowSeconds: 10 },
  authFailure: { limit: 10, windowSeconds: 60 },
  search: { limit: 300, windowSeconds: 60 },
  pdfExport: { limit: 6, windowSeconds: 300 },
};

/** Budgets and the clock the limiter uses; tests pass tiny budgets and a fake clock. */
export type RateLimiter = { budgets: RateLimitBudgets; now: () => Date };

export const DEFAULT_RATE_LIMITER: RateLimiter = { budgets: RATE_LIMITS, now: () => new Date() };
