/**
 * Role → permission map. Deny by default: a procedure names one permission, and only the roles
 * listed for it here may call it. Organisation-level checks (is the caller a member of *this* org?)
 * happen in the module functions, scoped in their `where` clauses.
 */
export const ROLES = ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "KNIGHT", "API_CLIENT"] as const;
export type Role = (typeof ROLES)[number];

const PERMISSIONS = {
  "account.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "KNIGHT"],
  "dashboard.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "KNIGHT"],
  "catalogue.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "KNIGHT", "API_CLIENT"],
  "catalogue.write": ["ADMIN"],
  "org.read": ["ADMIN", "REQUESTER", "SUPPLIER"],
  "org.verify": ["ADMIN"],
  "org.manage": ["REQUESTER", "SUPPLIER"],
  "apiKey.manage": ["ADMIN", "REQUESTER", "SUPPLIER"],
  "admin.create": ["ADMIN"],
  "incident.read": ["ADMIN", "REQUESTER", "API_CLIENT"],
  "incident.write": ["REQUESTER", "API_CLIENT"],
  "resource.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "API_CLIENT"],
  "resource.write": ["SUPPLIER", "EXPERT"],
  "listing.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "API_CLIENT"],
  "listing.write": ["SUPPLIER", "EXPERT", "API_CLIENT"],
  "listing.own": ["ADMIN", "SUPPLIER", "EXPERT", "API_CLIENT"],
  "knight.self": ["KNIGHT"],
  /** Reading a knight task photo (/api/task-photos/<id>): its knight or the task's dispatchers, checked in the module. */
  "taskPhoto.read": ["ADMIN", "REQUESTER", "KNIGHT"],
  /** Dispatcher side of knight tasks (track, confirm delivery, delivery code); the org check is in the module. */
  "knightTask.dispatch": ["ADMIN", "REQUESTER"],
  /** Knight dispatch waves, the board, cancel / no-show; the incident-org check is in the module. */
  "dispatch.manage": ["ADMIN", "REQUESTER"],
  /** Hazard zones (incident zones: its dispatchers; global zones: admins — checked in the module). */
  "hazard.manage": ["ADMIN", "REQUESTER"],
  /** REST v1 for delivery platforms: riders' duty/position and their offers (the key's org only). */
  "platform.riders": ["API_CLIENT"],
  /** Command centre; which regions is decided in server/modules/command/command-access.ts. */
  "command.read": ["ADMIN", "REQUESTER", "API_CLIENT"],
  "offer.send": ["REQUESTER", "API_CLIENT"],
  "offer.respond": ["SUPPLIER", "EXPERT", "API_CLIENT"],
  "notification.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "KNIGHT"],
  /** Live feeds; which topics is decided per topic in server/modules/live/can-subscribe.ts. */
  "live.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "KNIGHT", "API_CLIENT"],
  "match.assign": ["ADMIN", "REQUESTER"],
  "match.read": ["ADMIN", "REQUESTER", "API_CLIENT"],
  // ── requisition & compensation (server/modules/compensation); which side, and which org, is checked in the module ──
  /** Claims of the caller's organisation (either side) and the incident cost report of its own incidents. */
  "compensation.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "API_CLIENT"],
  /** The supplier assembles, completes and files its claims, and records public-good costs. */
  "compensation.claim": ["SUPPLIER", "EXPERT", "API_CLIENT"],
  /** The requester approves, adjusts or disputes claim lines, marks claims paid, names the responsible unit. */
  "compensation.decide": ["REQUESTER", "API_CLIENT"],
  /** Both sides confirm the handover and return records with notes and photos (people, in the app). */
  "requisition.evidence": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT"],
  "rateCard.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT"],
  "rateCard.manage": ["ADMIN"],
  "review.write": ["REQUESTER", "SUPPLIER", "EXPERT"],
  /** One search box over the exchange (what each caller sees is filtered in server/modules/search). */
  "search.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "API_CLIENT"],
  /** The work board and "offer to help" (own listings only, checked in server/modules/volunteers). */
  "volunteer.offer": ["SUPPLIER", "EXPERT"],
  /** Orders of paid needs: the buying or selling organisation's (scoped in server/modules/orders/order-access.ts). */
  "order.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT", "API_CLIENT"],
  /** The buyer's side: pay (card or invoice), cancel, release payment; its dispatchers, checked in the module. */
  "order.pay": ["REQUESTER"],
  /** The supplier's side: confirm an invoice was paid, set up Stripe Connect payouts. */
  "order.supply": ["SUPPLIER", "EXPERT"],
  /** Money pages: earnings and payouts, spend per incident (each limited to the caller's organisations). */
  "money.read": ["ADMIN", "REQUESTER", "SUPPLIER", "EXPERT"],
  /** The platform's fees and open clearing items. */
  "money.platform": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(roles, p));
}
