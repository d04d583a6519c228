import type { Actor } from "@/server/auth/actor-type";
import type { SearchAudience, SearchViewer } from "@/server/modules/search/search-types";

/**
 * What a caller may see in search, from the same rules as browse (listings), incident access (needs) and the
 * organisation pages: platform admins (not through an API key) see everything; an API key acts for its own
 * organisation only and never for the person who made it; members of a VERIFIED supplier-side organisation and
 * individual experts form the "supplier" audience that sees open needs (the supplier board).
 */
export function searchViewerOf(actor: Actor): SearchViewer {
  const admin = actor.roles.includes("ADMIN") && !actor.apiKey;
  const memberships = actor.apiKey ? actor.memberships.filter((m) => m.orgId === actor.apiKey?.orgId) : actor.memberships;
  const orgIds = actor.apiKey ? [actor.apiKey.orgId] : memberships.map((m) => m.orgId);
  const audiences: SearchAudience[] = [];
  const supplierOrg = memberships.some((m) => m.orgKind !== "GOVERNMENT" && m.verification === "VERIFIED");
  if (supplierOrg || (!actor.apiKey && actor.roles.includes("EXPERT"))) audiences.push("supplier");
  return { admin, userId: actor.apiKey ? null : actor.userId, orgIds, audiences };
}
