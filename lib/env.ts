import { z } from "zod";

/**
 * The only reader of process.env. Every setting is validated here once, so a
 * misconfiguration fails at start with one sentence instead of deep in a request.
 */
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.url().optional());

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: optionalUrl,
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is unset. */
  MUSTER_DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The app's public address (links in e-mails, printed URLs); unset → http://localhost:<PORT>. */
  APP_URL: optionalUrl,
  AUTH_SECRET: z.string().min(32).optional(),
  /** e.g. smtp://user:pass@smtp.example.com:587 — unset: sign-in links are written to the server log. */
  SMTP_URL: optionalUrl,
  EMAIL_FROM: z.string().default("Muster <no-reply@muster.local>"),
  MEILI_HOST: optionalUrl,
  MEILI_API_KEY: z.string().optional(),
  /** Index names are `<prefix>_<kind>` (tests and side-by-side installs use their own prefix). */
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/).default("muster"),
  /** Searches fall back to PostgreSQL when Meilisearch lags the database by more than this (sync worker's report). */
  SEARCH_MAX_LAG_MS: z.coerce.number().int().min(0).default(5000),
  /** … or when the sync worker's last report is older than this (the worker is not running). */
  SEARCH_LAG_STALE_MS: z.coerce.number().int().min(1000).default(60_000),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Map tile URL template for Leaflet maps ({s}, {z}, {x}, {y}); point it at a local tile server offline. */
  MAP_TILE_URL: z.string().trim().min(1).default("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_ATTRIBUTION: z.string().default("&copy; OpenStreetMap contributors"),
  /** Knights: longest continuous duty stint before a rest is due, and the rest that ends a stint. */
  KNIGHT_MAX_DUTY_MINUTES: z.coerce.number().int().min(10).max(24 * 60).default(240),
  KNIGHT_REST_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(30),
  /** After the rest prompt, how long before a knight still on duty (and on no live task) is taken off duty. */
  KNIGHT_DUTY_GRACE_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(30),
  /** Safety check-in: a knight on a live task silent this long raises an alert to the dispatchers. */
  KNIGHT_CHECKIN_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  /** Positions closer together than this are not stored (the phone sends at most this often). */
  KNIGHT_POSITION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** Set by the test runner; relaxes nothing security-relevant, only quiets logs. */
  MUSTER_TEST: z.enum(["0", "1"]).default("0"),
});

type ParsedEnv = z.infer<typeof EnvSchema>;
export type Env = Omit<ParsedEnv, "APP_URL"> & { APP_URL: string };

function loadEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration — fix these variables and start again:\n${lines.join("\n")}`);
  }
  // `PORT=3917 npm run demo` serves on 3917, so links must point there too, not at a fixed 3000.
  return { ...parsed.data, APP_URL: parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}` };
}

export const env: Env = loadEnv();

/** The app itself never starts a database: the launchers (npm run demo/dev/test) provide DATABASE_URL. */
export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL ?? env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Muster with `npm run demo` (embedded PostgreSQL) or set DATABASE_URL to a PostgreSQL ≥ 15 server.",
    );
  }
  return url;
}

/** Test and launcher code may change DATABASE_URL after import (e.g. per-test databases). */
export function currentDatabaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export const isProduction = env.NODE_ENV === "production";
export const isTest = env.MUSTER_TEST === "1" || env.NODE_ENV === "test";
