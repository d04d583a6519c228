import NextAuth, { type NextAuthConfig } from "next-auth";
import type { NextRequest } from "next/server";
import Nodemailer from "next-auth/providers/nodemailer";
import { env } from "@/lib/env";
import { defaultLocale } from "@/lib/i18n/config";
import { getDb } from "@/server/db";
import { musterAdapter } from "@/server/auth/adapter";
import { makeSendVerificationRequest } from "@/server/auth/email-link";
import { authSecret } from "@/server/auth/secret";
import { clientIp } from "@/server/auth/client-ip";
import { allowEmailLinkSignIn, recordEmailLinkSignIn } from "@/server/modules/accounts/email-link-sign-in";
import { generateSessionToken } from "@/server/auth/session-store";
import {
  SESSION_IDLE_SECONDS,
  SESSION_UPDATE_AGE_SECONDS,
  sessionCookieName,
  sessionCookieOptions,
  secureCookiesFor,
} from "@/server/auth/session-policy";

/** Email sign-in links live 15 minutes. */
const EMAIL_LINK_MAX_AGE_SECONDS = 15 * 60;

/**
 * Auth.js v5 with database sessions. Providers: the emailed sign-in link only. Password sign-in is
 * `auth.signInWithPassword` (server/api/routers/auth.ts): Auth.js will not create database sessions for
 * credentials, so that procedure writes the Session row and this same cookie itself, and `auth()` reads
 * either kind through the adapter. The config is built lazily, per request, so importing this file
 * (e.g. during `next build`) needs neither a database nor a secret. Email-link sign-ins and refusals are
 * audited (server/modules/accounts/sign-in-audit.ts) with the request's client IP when there is a request.
 */
function buildConfig(request: NextRequest | undefined): NextAuthConfig {
  const db = getDb();
  const ip = request ? clientIp(request.headers) : null;
  const secure = secureCookiesFor(env.APP_URL);
  const signInPage = `/${defaultLocale}/sign-in`;
  return {
    adapter: musterAdapter(db),
    secret: authSecret(),
    trustHost: true,
    useSecureCookies: secure,
    session: {
      strategy: "database",
      maxAge: SESSION_IDLE_SECONDS,
      updateAge: SESSION_UPDATE_AGE_SECONDS,
      generateSessionToken,
    },
    cookies: { sessionToken: { name: sessionCookieName(secure), options: sessionCookieOptions(secure) } },
    providers: [
      Nodemailer({
        // Only used by the stock sender; ours (makeSendVerificationRequest) reads env.SMTP_URL itself.
        server: env.SMTP_URL ?? "smtp://localhost:25",
        from: env.EMAIL_FROM,
        maxAge: EMAIL_LINK_MAX_AGE_SECONDS,
        sendVerificationRequest: makeSendVerificationRequest(db),
      }),
    ],
    events: {
      async signIn({ user, account }) {
        if (account?.provider === "nodemailer" && user.id) await recordEmailLinkSignIn(db, { userId: user.id, email: user.email ?? "", ip });
      },
    },
    pages: { signIn: signInPage, verifyRequest: `${signInPage}?sent=1`, error: signInPage },
    callbacks: {
      async signIn({ user, account, email }) {
        if (account?.provider !== "nodemailer") return false;
        // Asking for a link always "succeeds" (the sender skips unknown addresses silently).
        if (email?.verificationRequest) return true;
        // Following a link: only existing, enabled accounts (Auth.js would otherwise create a user).
        return allowEmailLinkSignIn(db, { userId: user.id, email: user.email ?? "", ip });
      },
      async session({ session, user }) {
        // Expose identity only; roles and memberships come from resolveActor / auth.me.
        return { expires: session.expires, user: { id: user.id, name: user.name, email: user.email } } as typeof session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth((request) => buildConfig(request));
