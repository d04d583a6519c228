import type { Db } from "@/server/db";
import type { Actor, ActorMembership } from "@/server/auth/actor-type";
import { deriveRoles } from "@/server/auth/roles";
import { sessionTokenFromCookieHeader } from "@/server/auth/session-policy";
import { touchSession } from "@/server/auth/session-store";
import { apiKeyFromAuthorization, hashApiKey } from "@/server/modules/api-keys/key-format";

/** lastUsedAt is informational: write it at most once a minute per key. */
const API_KEY_TOUCH_MS = 60 * 1000;

const MEMBERSHIP_SELECT = {
  role: true,
  org: { select: { id: true, kind: true, verification: true } },
} as const;

type MembershipRow = {
  role: ActorMembership["orgRole"];
  org: { id: string; kind: ActorMembership["orgKind"]; verification: ActorMembership["verification"] };
};

function toMembership(m: MembershipRow): ActorMembership {
  return { orgId: m.org.id, orgRole: m.role, orgKind: m.org.kind, verification: m.org.verification };
}

/**
 * Who is calling. `Authorization: Bearer mk_…` → organisation API key; otherwise the Auth.js session
 * cookie → database session (idle + absolute limits enforced, sliding expiry extended) → user.
 * A request that presents an API key is judged by the key alone: a bad key is anonymous, it never
 * falls back to a cookie that happens to ride along.
 */
export async function resolveActor(db: Db, headers: Headers, now = new Date()): Promise<Actor | null> {
  const apiKey = apiKeyFromAuthorization(headers.get("authorization"));
  if (apiKey) return resolveApiKeyActor(db, apiKey, now);
  const token = sessionTokenFromCookieHeader(headers.get("cookie"));
  if (token) return resolveSessionActor(db, token, now);
  return null;
}

export async function resolveApiKeyActor(db: Db, key: string, now = new Date()): Promise<Actor | null> {
  const row = await db.apiKey.findUnique({
    where: { hashedKey: hashApiKey(key) },
    select: {
      id: true,
      orgId: true,
      scopes: true,
      createdById: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      org: { select: { kind: true, verification: true } },
    },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= API_KEY_TOUCH_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now }, select: { id: true } });
  }
  return {
    via: "apiKey",
    userId: row.createdById,
    roles: ["API_CLIENT"],
    // A key acts for its organisation with the least org role; what it may do is API_CLIENT's permissions.
    memberships: [{ orgId: row.orgId, orgRole: "MEMBER", orgKind: row.org.kind, verification: row.org.verification }],
    apiKey: { id: row.id, orgId: row.orgId, scopes: row.scopes },
  };
}

export async function resolveSessionActor(db: Db, sessionToken: string, now = new Date()): Promise<Actor | null> {
  const s = await db.session.findUnique({
    where: { sessionToken },
    select: {
      sessionToken: true,
      expires: true,
      createdAt: true,
      user: {
        select: {
          id: true,
          kind: true,
          platformRole: true,
          disabledAt: true,
          memberships: { select: MEMBERSHIP_SELECT },
        },
      },
    },
  });
  if (!s) return null;
  if (s.user.disabledAt) return null;
  const expires = await touchSession(db, s, now);
  if (!expires) return null;
  const memberships = s.user.memberships.map(toMembership);
  return {
    via: "session",
    userId: s.user.id,
    roles: deriveRoles({ platformRole: s.user.platformRole, kind: s.user.kind, memberships }),
    memberships,
  };
}
