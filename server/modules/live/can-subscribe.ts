import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { isAdmin, readableOrgIds } from "@/server/modules/incidents/access";
import { parseLiveTopic } from "@/server/modules/live/live-topics";
import { keyHasScope } from "@/server/auth/api-scopes";
import { commandRegionsFor } from "@/server/modules/command/command-access";

/** Assignment stages during which a task's dispatchers may follow the knight's exact position. */
export const TRACKABLE_STATUSES = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"] as const;

/** A signed-in person who is a platform admin (API keys never act as admins here). */
const isPlatformAdmin = (actor: Actor) => isAdmin(actor) && !actor.apiKey;

/** The caller may read the incidents of this organisation (admins: every one; keys: their own org). */
function readsOrg(actor: Actor, orgId: string): boolean {
  const ids = readableOrgIds(actor);
  return ids === null || ids.includes(orgId);
}

/**
 * The one place that decides who may subscribe to a live topic. Deny by default:
 *  - knight:<profileId>  → only the user who owns that knight profile (never an API key);
 *  - user:<userId>       → only that user (never an API key);
 *  - need / incident     → platform admins and readers of the incident's requesting organisation;
 *  - track:<assignment>  → the same, and only while the assignment is live (accepted … on scene);
 *  - supplier:<orgId>    → members of that organisation (any role, as for its offer inbox) or its API key;
 *  - command             → platform admins;
 *  - region:<code>       → who may open that region's command centre (command-access.ts; never an API key);
 *  - anything else       → no.
 * An API key also needs the scope of what it would read: incidents:read (incident, need, track topics),
 * offers:respond (its supplier topic). A missing row answers the same as a forbidden one, so topics never confirm ids.
 */
export async function canSubscribe(db: Db, actor: Actor, topic: string): Promise<boolean> {
  const parsed = parseLiveTopic(topic);
  if (!parsed) return false;
  const { kind, id } = parsed;
  switch (kind) {
    case "command":
      return isPlatformAdmin(actor);
    case "region": {
      if (actor.apiKey || !id) return false;
      const codes = await commandRegionsFor(db, actor);
      return codes === null || codes.includes(id);
    }
    case "user":
      return !actor.apiKey && id === actor.userId;
    case "knight": {
      if (actor.apiKey || !id) return false;
      const k = await db.knightProfile.findUnique({ where: { id }, select: { userId: true } });
      return k?.userId === actor.userId;
    }
    case "incident": {
      if (!id || !keyHasScope(actor, "incidents:read")) return false;
      const i = await db.incident.findUnique({ where: { id }, select: { orgId: true } });
      return !!i && readsOrg(actor, i.orgId);
    }
    case "need": {
      if (!id || !keyHasScope(actor, "incidents:read")) return false;
      const n = await db.need.findUnique({ where: { id }, select: { incident: { select: { orgId: true } } } });
      return !!n && readsOrg(actor, n.incident.orgId);
    }
    case "supplier":
      // the same people who may answer the organisation's offers (offer-access isSupplierOf); not admins
      if (!id || !keyHasScope(actor, "offers:respond")) return false;
      return actor.apiKey ? actor.apiKey.orgId === id : actor.memberships.some((m) => m.orgId === id);
    case "taskTrack": {
      if (!id || !keyHasScope(actor, "incidents:read")) return false;
      const a = await db.assignment.findUnique({
        where: { id },
        select: { status: true, knightId: true, need: { select: { incident: { select: { orgId: true } } } } },
      });
      if (!a || !a.knightId || !(TRACKABLE_STATUSES as readonly string[]).includes(a.status)) return false;
      return readsOrg(actor, a.need.incident.orgId);
    }
    default:
      return false;
  }
}

/** Throws FORBIDDEN unless the caller may subscribe to every topic (one message; the topic is not echoed). */
export async function assertCanSubscribe(db: Db, actor: Actor, topics: string[]): Promise<void> {
  for (const topic of new Set(topics)) {
    if (!(await canSubscribe(db, actor, topic))) throw new AppError("FORBIDDEN", "You may not follow one of these live feeds.");
  }
}
