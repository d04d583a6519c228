import { createHash, randomBytes } from "node:crypto";

/**
 * Organisation API keys look like `mk_<prefix8>_<secret32>` (base62). Only the SHA-256 of the whole key
 * is stored; the prefix is stored in clear so people can tell their keys apart. A fast hash is right
 * here (unlike passwords): the secret has ~190 bits of entropy, so brute force is hopeless anyway,
 * and lookups happen on every API request.
 */
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const API_KEY_PREFIX_LENGTH = 8;
export const API_KEY_SECRET_LENGTH = 32;
const KEY_PATTERN = /^mk_([0-9A-Za-z]{8})_([0-9A-Za-z]{32})$/;

/** Uniform base62 via rejection sampling (248 = 4 × 62, so bytes ≥ 248 are discarded). */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248) out += BASE62[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export type GeneratedApiKey = { key: string; prefix: string; hashedKey: string };

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBase62(API_KEY_PREFIX_LENGTH);
  const key = `mk_${prefix}_${randomBase62(API_KEY_SECRET_LENGTH)}`;
  return { key, prefix, hashedKey: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function parseApiKey(key: string): { prefix: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { prefix: m[1] } : null;
}

/** `Authorization: Bearer mk_…` → the key, or null when the header is absent or not an API key. */
export function apiKeyFromAuthorization(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m || !m[1].startsWith("mk_")) return null;
  return m[1];
}

/** How a stored key is shown in lists: `mk_AbCd1234_…`. */
export function maskedApiKey(prefix: string): string {
  return `mk_${prefix}_…`;
}
