import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db";
import { env } from "@/lib/env";
import {
  isDueForExtension,
  isSessionLive,
  nextExpiry,
  sessionCookieName,
  secureCookiesFor,
} from "@/server/auth/session-policy";

/**
 * Database sessions — the same rows Auth.js reads through its adapter. Password sign-in and sign-up
 * create them here (Auth.js does not create database sessions for credentials); the email-link flow
 * creates them through the adapter. No next/* imports: tests and scripts use this directly.
 */

/** Same shape as Auth.js's default generateSessionToken (a random UUID is 122 bits; this is 256). */
export function generateSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function currentSessionCookieName(): string {
  return sessionCookieName(secureCookiesFor(env.APP_URL));
}

export type CreatedSession = { sessionToken: string; cookieName: string; expires: Date };

export async function createSessionForUser(db: Db, userId: string, now = new Date()): Promise<CreatedSession> {
  const sessionToken = generateSessionToken();
  const expires = nextExpiry(now, now);
  await db.session.create({
    data: { sessionToken, userId, expires, createdAt: now, lastSeenAt: now },
    select: { id: true },
  });
  return { sessionToken, cookieName: currentSessionCookieName(), expires };
}

export async function deleteSessionByToken(db: Db, sessionToken: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken } });
}

/**
 * Applies the idle + absolute limits to a session row just read: dead sessions are deleted (null),
 * live ones are extended when due (throttled writes). Returns the session's effective expiry.
 */
export async function touchSession(
  db: Db,
  s: { sessionToken: string; expires: Date; createdAt: Date },
  now = new Date(),
): Promise<Date | null> {
  if (!isSessionLive(s, now)) {
    await deleteSessionByToken(db, s.sessionToken);
    return null;
  }
  if (!isDueForExtension(s, now)) return s.expires;
  const expires = nextExpiry(s.createdAt, now);
  if (expires.getTime() <= s.expires.getTime()) return s.expires; // already at the absolute cap
  await db.session.updateMany({ where: { sessionToken: s.sessionToken }, data: { expires, lastSeenAt: now } });
  return expires;
}
