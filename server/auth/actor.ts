import { preparedQuery, type Db } from "@/server/db";
import type { Actor, ActorMembership } from "@/server/auth/actor-type";
import { deriveRoles } from "@/server/auth/roles";
import { sessionTokenFromCookieHeader } from "@/server/auth/session-policy";
import { touchSession } from "@/server/auth/session-store";
import { apiKeyFromAuthorization, hashApiKey } from "@/server/modules/api-keys/key-format";
import type { RateLimiter } from "@/server/modules/rate-limit/rate-limit-config";
import { hitUpsertSql, windowStart, type CountedHit } from "@/server/modules/rate-limit/rate-limit";
import { apiKeyBudget, KEY_BUDGET_BY_SCOPE, type PrecountedHit } from "@/server/modules/rate-limit/request-budget";

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

// The same lookup for a REST call, which pays for itself with the key's budget (request-budget.ts): a valid
// key's hit is counted in the same statement, one round trip instead of two. The key's budget is the first of
// KEY_BUDGET_BY_SCOPE's scopes it holds ($3), else the default; $4 holds each budget's window start, in order.
const API_KEY_COUNTING_SQL = `
WITH k AS (${API_KEY_SQL}
), hit AS (${hitUpsertSql(
  "'key:' || k.id",
  `(SELECT w.start FROM unnest($3::text[], $4::timestamptz[]) WITH ORDINALITY AS w(scope, start, i)
    WHERE w.scope IS NULL OR w.scope = ANY(k.scopes) ORDER BY w.i LIMIT 1)`,
  "FROM k WHERE k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $2)",
)}
)
SELECT k.*, hit.hits, hit.window_start FROM k LEFT JOIN hit ON true`;

const usable = (k: ApiKeyRow | undefined, now: Date): k is ApiKeyRow =>
  !!k && !k.revoked_at && !(k.expires_at && k.expires_at.getTime() <= now.getTime());

export async function resolveApiKeyActor(db: Db, key: string, now = new Date()): Promise<Actor | null> {
  const [k] = await preparedQuery<ApiKeyRow>(db, "auth_api_key", API_KEY_SQL, [hashApiKey(key)]);
  return usable(k, now) ? apiKeyActor(db, k, now) : null;
}

/**
 * A REST call's key: the actor, and its hit on the key's request budget counted in the same round trip
 * (null when the key is not usable: that request pays the client IP's failed-key budget as before).
 */
export async function resolveApiKeyActorCountingHit(
  db: Db,
  key: string,
  limiter: RateLimiter,
  now = new Date(),
): Promise<{ actor: Actor | null; hit: PrecountedHit | null }> {
  const at = limiter.now();
  const order = [...KEY_BUDGET_BY_SCOPE.map(([, b]) => limiter.budgets[b]), limiter.budgets.apiKey];
  const [k] = await preparedQuery<ApiKeyRow & Partial<CountedHit>>(db, "auth_api_key_hit", API_KEY_COUNTING_SQL, [
    hashApiKey(key),
    now,
    KEY_BUDGET_BY_SCOPE.map(([scope]) => scope),
    order.map((b) => windowStart(at, b)),
  ]);
  if (!usable(k, now)) return { actor: null, hit: null };
  const counted = k.hits != null && k.window_start ? { hits: k.hits, window_start: k.window_start } : null;
  const hit = counted && { key: `key:${k.id}`, budget: apiKeyBudget(k.scopes, limiter.budgets), row: counted };
  return { actor: await apiKeyActor(db, k, now), hit };
}

async function apiKeyActor(db: Db, k: ApiKeyRow, now: Date): Promise<Actor> {
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
