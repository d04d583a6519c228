/**
 * The client's address as the reverse proxy in front of Muster reports it (first X-Forwarded-For hop, else
 * X-Real-IP); null when neither is set. Used for sign-in throttling and security audit rows.
 */
export function clientIp(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}
