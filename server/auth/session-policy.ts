/**
 * Session lifetime rules, shared by the Auth.js adapter wrapper, resolveActor and the password sign-in.
 * Pure: no database, no next/* — unit-testable and importable from scripts.
 *
 * Two limits apply to every session:
 *  - idle: `expires` slides forward on activity (at most every SESSION_UPDATE_AGE_SECONDS);
 *  - absolute: a session older than SESSION_ABSOLUTE_SECONDS (by createdAt) is dead, however active.
 */
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_UPDATE_AGE_SECONDS = 5 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/** The names Auth.js itself uses (defaultCookies in @auth/core), so `auth()` reads our sessions. */
export const SESSION_COOKIE_NAME = "authjs.session-token";
export const SECURE_SESSION_COOKIE_NAME = "__Secure-authjs.session-token";

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE_NAME : SESSION_COOKIE_NAME;
}

/** Secure cookies exactly when the public URL is https (Auth.js is configured the same way). */
export function secureCookiesFor(appUrl: string): boolean {
  return appUrl.startsWith("https://");
}

/**
 * Cookie attributes matching Auth.js's session cookie. maxAge is the absolute limit: the browser keeps
 * the cookie for 12 h and the server decides idleness from the database row (Max-Age wins over Expires,
 * RFC 6265 §5.3, so Auth.js re-setting `expires` on refresh does not shorten it).
 */
export function sessionCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure,
    maxAge: SESSION_ABSOLUTE_SECONDS,
  };
}

export type SessionTimes = { expires: Date; createdAt: Date };

export function absoluteDeadline(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION_ABSOLUTE_SECONDS * 1000);
}

/** Alive = before its sliding expiry and younger than the absolute limit. */
export function isSessionLive(s: SessionTimes, now: Date): boolean {
  return s.expires.getTime() > now.getTime() && absoluteDeadline(s.createdAt).getTime() > now.getTime();
}

/** The sliding expiry after activity at `now`, never beyond the absolute deadline. */
export function nextExpiry(createdAt: Date, now: Date): Date {
  const idle = now.getTime() + SESSION_IDLE_SECONDS * 1000;
  return new Date(Math.min(idle, absoluteDeadline(createdAt).getTime()));
}

/** Throttle writes: extend only when the last extension is older than the update age. */
export function isDueForExtension(s: SessionTimes, now: Date): boolean {
  const lastExtendedAt = s.expires.getTime() - SESSION_IDLE_SECONDS * 1000;
  return now.getTime() - lastExtendedAt >= SESSION_UPDATE_AGE_SECONDS * 1000;
}

/** Reads one cookie from a Cookie header without a dependency (names here are plain tokens). */
export function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw) || null;
      } catch {
        return raw || null;
      }
    }
  }
  return null;
}

/** Prefer the secure cookie; accept the plain one too (e.g. local http behind a TLS proxy). */
export function sessionTokenFromCookieHeader(cookieHeader: string | null): string | null {
  return readCookie(cookieHeader, SECURE_SESSION_COOKIE_NAME) ?? readCookie(cookieHeader, SESSION_COOKIE_NAME);
}
