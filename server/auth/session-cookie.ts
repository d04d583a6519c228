import { cookies } from "next/headers";
import { env, isTest } from "@/lib/env";
import {
  SECURE_SESSION_COOKIE_NAME,
  SESSION_COOKIE_NAME,
  sessionCookieName,
  sessionCookieOptions,
  secureCookiesFor,
} from "@/server/auth/session-policy";

/**
 * Sets / clears the Auth.js session cookie from a route handler or server action (the tRPC fetch
 * handler runs inside one, so `cookies()` is writable there). Outside a request — a tRPC caller in an
 * integration test — there is no cookie jar; tests read the token from the procedure's module result.
 * (No "server-only" marker: scripts import the app router, e.g. to print the OpenAPI document.)
 */
async function jar() {
  try {
    return await cookies();
  } catch (e) {
    if (isTest) return null;
    throw e;
  }
}

export async function setSessionCookie(sessionToken: string): Promise<void> {
  const secure = secureCookiesFor(env.APP_URL);
  (await jar())?.set(sessionCookieName(secure), sessionToken, sessionCookieOptions(secure));
}

export async function clearSessionCookie(): Promise<void> {
  const j = await jar();
  if (!j) return;
  // A __Secure- cookie can only be overwritten by a Set-Cookie that is itself Secure.
  for (const [name, secure] of [[SESSION_COOKIE_NAME, false], [SECURE_SESSION_COOKIE_NAME, true]] as const) {
    if (j.has(name)) j.set(name, "", { ...sessionCookieOptions(secure), maxAge: 0 });
  }
}
