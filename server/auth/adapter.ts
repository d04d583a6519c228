import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";
import type { PrismaClient } from "@/server/db";
import { absoluteDeadline, isSessionLive } from "@/server/auth/session-policy";

/** Only the columns Auth.js needs — never the password hash or lockout state. */
const ADAPTER_USER_SELECT = { id: true, name: true, email: true, emailVerified: true, image: true } as const;

type UserRow = { id: string; name: string | null; email: string | null; emailVerified: Date | null; image: string | null };

function toAdapterUser(u: UserRow): AdapterUser {
  return { id: u.id, name: u.name, email: u.email ?? "", emailVerified: u.emailVerified, image: u.image };
}

/**
 * @auth/prisma-adapter with Muster's rules layered on:
 *  - sessions older than 12 h (createdAt) are deleted and read as signed out, and a sliding refresh
 *    never extends a session past that absolute deadline;
 *  - user reads select adapter fields only (the stock adapter returns whole rows);
 *  - Auth.js may not create users: accounts come from the sign-up flows, which collect a persona.
 */
export function musterAdapter(db: PrismaClient): Adapter {
  const base = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...base,
    async createUser() {
      throw new Error("Accounts are created through Muster's sign-up, not by Auth.js.");
    },
    async getUser(id) {
      const u = await db.user.findUnique({ where: { id }, select: ADAPTER_USER_SELECT });
      return u ? toAdapterUser(u) : null;
    },
    async getUserByEmail(email) {
      const u = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: ADAPTER_USER_SELECT });
      return u ? toAdapterUser(u) : null;
    },
    async updateUser(user) {
      // Auth.js only ever marks the email verified after a sign-in link; nothing else is writable here.
      const u = await db.user.update({
        where: { id: user.id },
        data: user.emailVerified !== undefined ? { emailVerified: user.emailVerified } : {},
        select: ADAPTER_USER_SELECT,
      });
      return toAdapterUser(u);
    },
    async useVerificationToken({ identifier, token }) {
      // Single use: only the request whose delete removes the row gets it (no error log on reuse).
      const row = await db.verificationToken.findUnique({
        where: { identifier_token: { identifier, token } },
        select: { identifier: true, token: true, expires: true },
      });
      if (!row) return null;
      const { count } = await db.verificationToken.deleteMany({ where: { identifier, token } });
      return count === 1 ? row : null;
    },
    async getSessionAndUser(sessionToken) {
      const row = await db.session.findUnique({
        where: { sessionToken },
        select: {
          sessionToken: true,
          userId: true,
          expires: true,
          createdAt: true,
          user: { select: { ...ADAPTER_USER_SELECT, disabledAt: true } },
        },
      });
      if (!row) return null;
      if (row.user.disabledAt || !isSessionLive(row, new Date())) {
        await db.session.deleteMany({ where: { sessionToken } });
        return null;
      }
      const session: AdapterSession = { sessionToken: row.sessionToken, userId: row.userId, expires: row.expires };
      return { session, user: toAdapterUser(row.user) };
    },
    async updateSession(data) {
      const row = await db.session.findUnique({ where: { sessionToken: data.sessionToken }, select: { createdAt: true } });
      if (!row) return null;
      const cap = absoluteDeadline(row.createdAt);
      const expires = data.expires && data.expires.getTime() > cap.getTime() ? cap : data.expires;
      const s = await db.session.update({
        where: { sessionToken: data.sessionToken },
        data: { ...(expires ? { expires } : {}), lastSeenAt: new Date() },
        select: { sessionToken: true, userId: true, expires: true },
      });
      return s;
    },
  };
}
