import { randomBytes } from "node:crypto";
import { env, isProduction } from "@/lib/env";

let devFallback: string | null = null;

/**
 * AUTH_SECRET signs Auth.js cookies and salts email sign-in tokens. Production refuses to start
 * without it; development/test get a per-process secret (sign-in links then die with the process).
 */
export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (isProduction) {
    throw new Error("AUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it before starting Muster.");
  }
  if (!devFallback) {
    devFallback = randomBytes(32).toString("base64url");
    console.warn("[muster] AUTH_SECRET is not set; using a temporary secret for this process (development only).");
  }
  return devFallback;
}
