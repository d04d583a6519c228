import { preparedQuery, type Db } from "@/server/db";
import type { Actor, ActorMembership } from "@/server/auth/actor-type";
import { deriveRoles } from "@/server/auth/roles";
import { sessionTokenFromCookieHeader } from "@/server/auth/session-policy";
import { touchSession } from "@/server/auth/session-store";
import { apiKeyFromAuthorization, hashApiKey } from "@/server/modules/api-keys/key-format";

/** lastUsedAt is informational: write it at most once a minute per key. */
const API_KEY_TOUCH_MS = 60 * 1000;

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

type ApiKeyRow = {
  id: string;
  org_id: string;
  scopes: string[];
  created_by_id: string;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  org_kind: ActorMembership["orgKind"];
  org_verification: ActorMembership["verification"];
};

// Every REST call starts here: one prepared statement (planned once per connection), not an ORM round trip.
const API_KEY_SQL = `
SELECT k.id, k.org_id, k.scopes, k.created_by_id, k.revoked_at, k.expires_at, k.last_used_at,
       o.kind::text AS org_kind, o.verification::text AS org_verification
FROM api_key k JOIN organization o ON o.id = k.org_id
WHERE k.hashed_key = $1`;

export async function resolveApiKeyActor(db: Db, key: string, now = new Date()): Promise<Actor | null> {
  const [k] = await preparedQuery<ApiKeyRow>(db, "auth_api_key", API_KEY_SQL, [hashApiKey(key)]);
  if (!k || k.revoked_at || (k.expires_at && k.expires_at.getTime() <= now.getTime())) return null;
  if (!k.last_used_at || now.getTime() - k.last_used_at.getTime() >= API_KEY_TOUCH_MS) {
    await db.apiKey.update({ where: { id: k.id }, data: { lastUsedAt: now }, select: { id: true } });
  }
  return {
    via: "apiKey",
    userId: k.created_by_id,
    roles: ["API_CLIENT"],
    // A key acts for its organisation with the least org role; what it may do is API_CLIENT's permissions.
    memberships: [{ orgId: k.org_id, orgRole: "MEMBER", orgKind: k.org_kind, verification: k.org_verification }],
    apiKey: { id: k.id, orgId: k.org_id, scopes: k.scopes },
  };
}

type SessionRow = {
  session_token: string;
  expires: Date;
  created_at: Date;
  user_id: string;
  user_kind: Parameters<typeof deriveRoles>[0]["kind"];
  platform_role: Parameters<typeof deriveRoles>[0]["platformRole"];
  disabled_at: Date | null;
  memberships: { role: ActorMembership["orgRole"]; orgId: string; orgKind: ActorMembership["orgKind"]; verification: ActorMembership["verification"] }[];
};

/**
 * Session, user and memberships in one prepared statement: every signed-in request (and every live stream a
 * knight opens — 10,000 at once in the surge drill) starts here, and Prisma's nested read took four round trips.
 */
const SESSION_SQL = `
SELECT s.session_token, s.expires, s.created_at, u.id AS user_id, u.kind::text AS user_kind,
       u.platform_role::text AS platform_role, u.disabled_at,
       COALESCE((SELECT json_agg(json_build_object('role', m.role::text, 'orgId', o.id, 'orgKind', o.kind::text,
                                                   'verification', o.verification::text) ORDER BY m.id)
                 FROM membership m JOIN organization o ON o.id = m.org_id WHERE m.user_id = u.id), '[]'::json) AS memberships
FROM session s JOIN users u ON u.id = s.user_id
WHERE s.session_token = $1`;

export async function resolveSessionActor(db: Db, sessionToken: string, now = new Date()): Promise<Actor | null> {
  const [s] = await preparedQuery<SessionRow>(db, "auth_session", SESSION_SQL, [sessionToken]);
  if (!s) return null;
  if (s.disabled_at) return null;
  const expires = await touchSession(db, { sessionToken: s.session_token, expires: s.expires, createdAt: s.created_at }, now);
  if (!expires) return null;
  const memberships: ActorMembership[] = s.memberships.map((m) => ({ orgId: m.orgId, orgRole: m.role, orgKind: m.orgKind, verification: m.verification }));
  return {
    via: "session",
    userId: s.user_id,
    roles: deriveRoles({ platformRole: s.platform_role, kind: s.user_kind, memberships }),
    memberships,
  };
}
