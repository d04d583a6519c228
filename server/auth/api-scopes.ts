import type { ApiKeyScope } from "@/lib/schemas/api-keys";
import type { Actor } from "@/server/auth/actor-type";
import type { Permission } from "@/server/auth/permissions";

/**
 * Which key scope each permission needs when the caller is an API key (sessions keep their role
 * permissions; scopes only narrow keys). Deny by default: a permission missing here is closed to keys,
 * and `api-scopes.test.ts` fails when API_CLIENT is granted a permission that has no scope.
 * `null` = no scope at the procedure level (live feeds: can-subscribe.ts checks a scope per topic).
 */
export const SCOPE_FOR_PERMISSION: Partial<Record<Permission, ApiKeyScope | null>> = {
  "catalogue.read": "catalogue:read",
  "listing.read": "listings:read",
  "resource.read": "listings:read",
  "listing.own": "listings:read",
  "listing.write": "listings:write",
  "incident.read": "incidents:read",
  "incident.write": "incidents:write",
  // tRPC only: sending/cancelling an offer on the key's own incident is part of running that incident.
  "offer.send": "incidents:write",
  "match.read": "match:read",
  "search.read": "search:read",
  "offer.respond": "offers:respond",
  "platform.riders": "platform:riders",
  // Command-centre figures of the key's government organisation's regions (command-access.ts decides which).
  "command.read": "command:read",
  "live.read": null,
  "compensation.read": "compensation:read",
  "compensation.claim": "compensation:write",
  "compensation.decide": "compensation:write",
  "order.read": "orders:read",
};

/** The scope a key lacks for `permission`, or null when it may go ahead (always null for sessions). */
export function missingScope(actor: Actor, permission: Permission): ApiKeyScope | "none" | null {
  if (!actor.apiKey) return null;
  const needed = SCOPE_FOR_PERMISSION[permission];
  if (needed === undefined) return "none";
  if (needed === null) return null;
  return actor.apiKey.scopes.includes(needed) ? null : needed;
}

/** For checks below the procedure (live topics): a session passes; a key needs `scope`. */
export function keyHasScope(actor: Actor, scope: ApiKeyScope): boolean {
  return !actor.apiKey || actor.apiKey.scopes.includes(scope);
}
